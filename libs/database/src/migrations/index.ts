import { Initial1795469034835 } from './1795469034835-initial';
import { Matching1795470322377 } from './1795470322377-matching';
import { Reviews1795477809709 } from './1795477809709-reviews';
import { ChallengeListing1795496244598 } from './1795496244598-challenge-listing';

/* Explicit, ordered list of migrations (never globbed). Add each new one at the end. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Initial1795469034835, Matching1795470322377, Reviews1795477809709, ChallengeListing1795496244598];
