/** Time source for entity methods; the database clock stays the authority on deadlines (TransactionHost). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
