import { makeCreditCode } from '@jiebang/credit-code';
import { creditCodeInputProblem, dueDayProblem, paymentsProblem, scoreProblem, shortlistProblem, weightsProblem } from './form-rules';

describe('form rules', () => {
  it('accepts weights summing to exactly 100 and says what they sum to otherwise', () => {
    expect(weightsProblem([{ weight: 60 }, { weight: 40 }])).toBeNull();
    expect(weightsProblem([{ weight: 60 }, { weight: 30 }])).toEqual({ key: 'rules.weightsSum', values: { total: 90 } });
    expect(weightsProblem([{ weight: 60 }, { weight: 50 }])).toEqual({ key: 'rules.weightsSum', values: { total: 110 } });
    expect(weightsProblem([{ weight: 100 }, undefined, { weight: null }])).toBeNull();
    expect(weightsProblem([])).toEqual({ key: 'rules.criteriaRequired' });
  });

  it('accepts milestone payments summing to 100 and no milestone due after the duration', () => {
    expect(paymentsProblem([{ paymentPercent: 30 }, { paymentPercent: 70 }])).toBeNull();
    expect(paymentsProblem([{ paymentPercent: 30 }, { paymentPercent: 60 }])).toEqual({ key: 'rules.paymentsSum', values: { total: 90 } });
    expect(paymentsProblem(undefined)).toEqual({ key: 'rules.milestonesRequired' });
    expect(dueDayProblem(90, 90)).toBeNull();
    expect(dueDayProblem(91, 90)).toEqual({ key: 'rules.dueAfterDuration', values: { durationDays: 90 } });
  });

  it('keeps each score within 0..maxScore and requires every score only to submit', () => {
    expect(scoreProblem(0, 10, true)).toBeNull();
    expect(scoreProblem(10, 10, true)).toBeNull();
    expect(scoreProblem(10.5, 10, false)).toEqual({ key: 'rules.scoreRange', values: { maxScore: 10 } });
    expect(scoreProblem(-1, 10, false)).toEqual({ key: 'rules.scoreRange', values: { maxScore: 10 } });
    expect(scoreProblem(undefined, 10, false)).toBeNull();
    expect(scoreProblem(null, 10, true)).toEqual({ key: 'rules.scoreRequired' });
  });

  it('checks a credit code as typed with the server’s GB 32100 checker', () => {
    const valid = makeCreditCode(4242);
    expect(creditCodeInputProblem(valid)).toBeNull();
    expect(creditCodeInputProblem(valid.toLowerCase())).toBeNull();
    expect(creditCodeInputProblem(valid.slice(0, 10))).toEqual({ key: 'rules.creditCodeLength', values: { length: 10 } });
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(creditCodeInputProblem(wrongCheck)).toEqual({ key: 'rules.creditCode.check-character' });
    expect(creditCodeInputProblem(`${valid.slice(0, 17)}I`)).toEqual({ key: 'rules.creditCode.charset' });
    expect(creditCodeInputProblem('')).toEqual({ key: 'rules.creditCodeRequired' });
  });

  it('keeps the shortlist at least as large as the number of winners', () => {
    expect(shortlistProblem(3, 3)).toBeNull();
    expect(shortlistProblem(2, 3)).toEqual({ key: 'rules.shortlistBelowWinners', values: { maxWinners: 3 } });
  });
});
