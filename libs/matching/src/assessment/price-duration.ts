/** The price and duration parts of `assessBid` (method `jiebang-assess/1`). */

export type PriceFlag = 'abnormally-low' | 'over-budget';

/** One scored part of an assessment: a 0–100 score and a sentence. */
export interface AssessmentPart {
  score: number;
  explanation: string;
}

export interface PricePart extends AssessmentPart {
  flag: PriceFlag | null;
  explanation: string;
  /** price / reward (null without a positive reward). */
  ratio: number | null;
}

export interface DurationPart extends AssessmentPart {
  days: number;
  /** The last milestone's due day, null without milestones. */
  lastMilestoneDay: number | null;
  /** Whether a milestone is due after the stated duration (the plan contradicts itself). */
  inconsistent: boolean;
}

/** A price below this share of the reward is abnormally low (明显低于成本的异常低价: a delivery risk). */
export const ABNORMALLY_LOW_RATIO = 0.5;
/** A price this far over the reward scores 0. */
const OVER_BUDGET_ZERO_RATIO = 1.5;

/**
 * Price against the challenge's reward (揭榜挂帅 rewards are fixed budgets, so any price within budget is
 * fine), ratio r = price / reward:
 * - r < 0.5: flag `abnormally-low`; score 60 × r / 0.5 (the lower, the less credible the delivery);
 * - 0.5 ≤ r ≤ 1: within budget, score 100;
 * - r > 1: flag `over-budget`; score falls linearly from 100 at r = 1 to 0 at r = 1.5 (120% → 60);
 * - no positive reward or no positive price: score 50, no flag (nothing to compare against).
 */
export function assessPrice(priceYuan: number, rewardYuan: number): PricePart {
  const yuan = (value: number) => `¥${Math.round(value).toLocaleString('en-US')}`;
  if (!(rewardYuan > 0) || !(priceYuan > 0)) {
    return {
      score: 50,
      flag: null,
      ratio: null,
      explanation: `Price ${yuan(Math.max(0, priceYuan))} cannot be compared: the challenge names no reward or the bid no price.`,
    };
  }
  const ratio = priceYuan / rewardYuan;
  const share = `${Math.round(ratio * 100)}% of the reward ${yuan(rewardYuan)}`;
  if (ratio < ABNORMALLY_LOW_RATIO) {
    return {
      score: round((60 * ratio) / ABNORMALLY_LOW_RATIO),
      flag: 'abnormally-low',
      ratio,
      explanation: `Price ${yuan(priceYuan)} is ${share}: abnormally low (below ${ABNORMALLY_LOW_RATIO * 100}%), a risk that the work cannot be delivered at this price.`,
    };
  }
  if (ratio <= 1) {
    return {
      score: 100,
      flag: null,
      ratio,
      explanation: `Price ${yuan(priceYuan)} is ${share}: within budget.`,
    };
  }
  return {
    score: round(Math.max(0, 100 * (1 - (ratio - 1) / (OVER_BUDGET_ZERO_RATIO - 1)))),
    flag: 'over-budget',
    ratio,
    explanation: `Price ${yuan(priceYuan)} is ${share}: over budget by ${Math.round((ratio - 1) * 100)}%.`,
  };
}

/**
 * Duration. With an expected duration E from the challenge: 100 up to E, then falling linearly to 0 at 2E.
 * Without one, the reasonable range for an R&D challenge: under 30 days 40 (unrealistically short), 30–59
 * days 80, 60–365 days 100, then falling linearly to 50 at 730 days and 30 beyond. Either way, a milestone
 * due after the stated duration caps the score at 20 (the schedule contradicts itself).
 */
export function assessDuration(
  bid: { durationDays: number; milestones: ReadonlyArray<{ dueDay: number }> },
  expectedDays: number | null,
): DurationPart {
  const days = bid.durationDays;
  const lastMilestoneDay = bid.milestones.length > 0 ? Math.max(...bid.milestones.map((m) => m.dueDay)) : null;
  let score: number;
  let judgement: string;
  if (expectedDays !== null && expectedDays > 0) {
    score = days <= expectedDays ? 100 : Math.max(0, 100 * (1 - (days - expectedDays) / expectedDays));
    judgement = days <= expectedDays ? `within the expected ${expectedDays} days` : `over the expected ${expectedDays} days`;
  } else if (days < 30) {
    [score, judgement] = [40, 'unrealistically short for R&D work (under 30 days)'];
  } else if (days < 60) {
    [score, judgement] = [80, 'short (under 60 days)'];
  } else if (days <= 365) {
    [score, judgement] = [100, 'within the usual 60–365 days'];
  } else if (days <= 730) {
    [score, judgement] = [100 - (50 * (days - 365)) / 365, 'longer than a year'];
  } else {
    [score, judgement] = [30, 'longer than two years'];
  }
  let milestones = lastMilestoneDay === null ? ' No milestones are given.' : ` The last milestone is due on day ${lastMilestoneDay}.`;
  const inconsistent = lastMilestoneDay !== null && lastMilestoneDay > days;
  if (inconsistent) {
    score = Math.min(score, 20);
    milestones = ` The last milestone (day ${lastMilestoneDay}) is due after the stated duration: the schedule is inconsistent.`;
  }
  return {
    score: round(score),
    days,
    lastMilestoneDay,
    inconsistent,
    explanation: `Duration ${days} days is ${judgement}.${milestones}`,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
