import { challengeContent, challengeOwner, later } from '../../../../test/support/factories';
import {
  BiddingClosedError,
  DomainError,
  FieldError,
  ForbiddenError,
  InvalidStateError,
  RuleViolationError,
  VersionConflictError,
} from '../errors';
import { Challenge } from './challenge.entity';
import { ChallengeContent, ChallengeStatus } from './challenge.types';

const NOW = new Date('2030-03-01T08:00:00.000Z');
const HOUR = 3_600_000;
const DEADLINE = later(10 * 24 * HOUR, NOW);

function draft(content: Partial<ChallengeContent> = {}): Challenge {
  return Challenge.draft(challengeContent({ bidDeadline: DEADLINE, ...content }, NOW), challengeOwner(), NOW);
}

function published(content: Partial<ChallengeContent> = {}): Challenge {
  const challenge = draft(content);
  challenge.publish(NOW, 0);
  return challenge;
}

/** Runs `action`, which must throw a DomainError, and returns it. */
function domainErrorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

function fields(errors: FieldError[] | undefined): string[] {
  return (errors ?? []).map((e) => e.field);
}

describe('Challenge.draft', () => {
  it('creates a draft at version 1 with the owner and content', () => {
    const owner = challengeOwner();
    const challenge = Challenge.draft(challengeContent({ bidDeadline: DEADLINE, tags: ['a', 'b', 'a'] }, NOW), owner, NOW);

    expect(challenge.status).toBe('draft');
    expect(challenge.version).toBe(1);
    expect(challenge.organizationId).toBe(owner.organizationId);
    expect(challenge.createdBy).toBe(owner.userId);
    expect(challenge.publishedAt).toBeNull();
    expect(challenge.closedAt).toBeNull();
    expect(challenge.isOpened).toBe(false);
    expect(challenge.bidDeadline).toEqual(DEADLINE);
    expect(challenge.tags).toEqual(['a', 'b']);
  });

  it('assigns a distinct id to every KPI and a null unit when none is given', () => {
    const challenge = draft({
      kpis: [
        { name: 'accuracy', target: '0.01', unit: 'mm', mandatory: true },
        { name: 'lifetime', target: '10 years', unit: null, mandatory: false },
      ],
    });

    const ids = challenge.kpis.map((k) => k.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);
    expect(challenge.kpis[1].unit).toBeNull();
  });

  it('refuses criterion weights that do not sum to 100', () => {
    const error = domainErrorOf(() =>
      draft({
        scorecard: {
          criteria: [
            { key: 'technical', name: 'T', weight: 60, maxScore: 10 },
            { key: 'price', name: 'P', weight: 30, maxScore: 10 },
          ],
        },
      }),
    );

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.errors).toEqual([{ field: 'scorecard.criteria', message: expect.stringContaining('90') }]);
  });

  it('refuses duplicate criterion keys, naming the duplicate', () => {
    const error = domainErrorOf(() =>
      draft({
        scorecard: {
          criteria: [
            { key: 'technical', name: 'T1', weight: 50, maxScore: 10 },
            { key: 'technical', name: 'T2', weight: 50, maxScore: 10 },
          ],
        },
      }),
    );

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fields(error.errors)).toEqual(['scorecard.criteria.1.key']);
  });

  it('refuses a shortlist smaller than the number of winners (equal is fine)', () => {
    const error = domainErrorOf(() => draft({ maxWinners: 3, shortlistSize: 2 }));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fields(error.errors)).toEqual(['shortlistSize']);
    expect(draft({ maxWinners: 2, shortlistSize: 2 }).shortlistSize).toBe(2);
  });


  it.each([
    ['in the past', later(-HOUR, NOW)],
    ['equal to now', NOW],
  ])('refuses a deadline %s', (_label, bidDeadline) => {
    const error = domainErrorOf(() => draft({ bidDeadline }));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fields(error.errors)).toEqual(['bidDeadline']);
  });

  it('lists every broken rule at once', () => {
    const error = domainErrorOf(() =>
      draft({
        bidDeadline: later(-HOUR, NOW),
        maxWinners: 5,
        shortlistSize: 1,
        scorecard: { criteria: [{ key: 'only', name: 'O', weight: 10, maxScore: 10 }] },
      }),
    );

    expect(fields(error.errors).sort()).toEqual(['bidDeadline', 'scorecard.criteria', 'shortlistSize']);
  });
});

describe('Challenge.edit', () => {
  it('applies changes to a draft and bumps the version', () => {
    const challenge = draft();
    const at = later(HOUR, NOW);

    challenge.edit({ title: '新标题', rewardYuan: 3_000_000 }, 1, at);

    expect(challenge.title).toBe('新标题');
    expect(challenge.rewardYuan).toBe(3_000_000);
    expect(challenge.version).toBe(2);
    expect(challenge.updatedAt).toEqual(at);
  });

  it('keeps the id of a KPI sent back with it and gives a new KPI a new id', () => {
    const challenge = draft();
    const [first] = challenge.kpis;

    challenge.edit({ kpis: [{ ...first, target: '±0.005' }, { name: 'noise', target: '<40', unit: 'dB', mandatory: false }] }, 1, NOW);

    expect(challenge.kpis).toHaveLength(2);
    expect(challenge.kpis[0]).toEqual({ ...first, target: '±0.005' });
    expect(challenge.kpis[1].id).not.toBe(first.id);
    expect(challenge.kpis[1].id).toEqual(expect.any(String));
  });

  it('refuses a KPI id the challenge does not have', () => {
    const challenge = draft();

    const error = domainErrorOf(() =>
      challenge.edit({ kpis: [{ id: '00000000-0000-4000-8000-000000000000', name: 'x', target: 'y', unit: null, mandatory: true }] }, 1, NOW),
    );

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fields(error.errors)).toEqual(['kpis.0.id']);
    expect(challenge.version).toBe(1);
  });

  it('refuses a stale version and changes nothing', () => {
    const challenge = draft({ title: 'original' });
    challenge.edit({ title: 'second' }, 1, NOW);

    expect(() => challenge.edit({ title: 'third' }, 1, NOW)).toThrow(VersionConflictError);
    expect(challenge.title).toBe('second');
    expect(challenge.version).toBe(2);
  });

  it('refuses edits that break the content rules and changes nothing', () => {
    const challenge = draft();

    const error = domainErrorOf(() => challenge.edit({ maxWinners: 5, shortlistSize: 1 }, 1, NOW));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(challenge.maxWinners).toBe(1);
    expect(challenge.version).toBe(1);
  });

  it('refuses to edit anything but a draft', () => {
    const challenge = published();

    expect(() => challenge.edit({ title: 'changed' }, challenge.version, NOW)).toThrow(InvalidStateError);
    expect(challenge.title).not.toBe('changed');
  });
});

describe('Challenge.publish', () => {
  it('publishes a draft: status, publishedAt and version + 1', () => {
    const challenge = draft();
    const at = later(HOUR, NOW);

    challenge.publish(at, 0);

    expect(challenge.status).toBe('published');
    expect(challenge.publishedAt).toEqual(at);
    expect(challenge.version).toBe(2);
  });

  it('refuses to publish twice', () => {
    const challenge = published();

    expect(() => challenge.publish(NOW, 0)).toThrow(InvalidStateError);
    expect(challenge.version).toBe(2);
  });

  it('refuses a deadline that has passed since drafting', () => {
    const challenge = draft({ bidDeadline: later(HOUR, NOW) });

    const error = domainErrorOf(() => challenge.publish(later(2 * HOUR, NOW), 0));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fields(error.errors)).toEqual(['bidDeadline']);
    expect(challenge.status).toBe('draft');
  });

  it('requires the deadline to be more than the minimum bid window away', () => {
    const challenge = draft({ bidDeadline: later(HOUR, NOW) });

    const error = domainErrorOf(() => challenge.publish(NOW, 3600));
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.errors?.[0].message).toContain('3600');
    expect(challenge.status).toBe('draft');

    challenge.publish(NOW, 3599);
    expect(challenge.status).toBe('published');
  });
});

describe('Challenge.addAddendum', () => {
  it('moves the deadline to a later one and reports it', () => {
    const challenge = published();
    const newDeadline = later(HOUR, DEADLINE);

    expect(challenge.addAddendum(newDeadline, NOW)).toBe(true);
    expect(challenge.bidDeadline).toEqual(newDeadline);
    expect(challenge.version).toBe(3);
  });

  it('without a new deadline changes nothing', () => {
    const challenge = published();

    expect(challenge.addAddendum(null, NOW)).toBe(false);
    expect(challenge.bidDeadline).toEqual(DEADLINE);
    expect(challenge.version).toBe(2);
  });

  it.each([
    ['earlier', later(-HOUR, DEADLINE)],
    ['equal', DEADLINE],
  ])('refuses an %s deadline', (_label, newDeadline) => {
    const challenge = published();

    const error = domainErrorOf(() => challenge.addAddendum(newDeadline, NOW));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fields(error.errors)).toEqual(['bidDeadline']);
    expect(challenge.bidDeadline).toEqual(DEADLINE);
  });

  it.each([
    ['at', DEADLINE],
    ['after', later(1, DEADLINE)],
  ])('is BIDDING_CLOSED %s the deadline', (_label, now) => {
    const challenge = published();

    expect(() => challenge.addAddendum(later(HOUR, DEADLINE), now)).toThrow(BiddingClosedError);
    expect(challenge.bidDeadline).toEqual(DEADLINE);
  });

  it('is refused for a draft', () => expect(() => draft().addAddendum(null, NOW)).toThrow(InvalidStateError));
});

describe('Challenge.cancel', () => {
  it.each(['draft', 'published'] as const)('lets the owner cancel a %s challenge before the deadline', (status) => {
    const challenge = status === 'draft' ? draft() : published();
    const version = challenge.version;

    challenge.cancel('owner', 'budget withdrawn', NOW);

    expect(challenge.status).toBe('cancelled');
    expect(challenge.cancelledAt).toEqual(NOW);
    expect(challenge.cancelReason).toBe('budget withdrawn');
    expect(challenge.version).toBe(version + 1);
  });

  it('forbids the owner once the deadline has passed', () => {
    const challenge = published();

    expect(() => challenge.cancel('owner', 'late', DEADLINE)).toThrow(ForbiddenError);
    expect(challenge.status).toBe('published');
  });

  it.each<ChallengeStatus>(['closed', 'reviewing', 'shortlisted', 'publicity'])('refuses the owner on a %s challenge', (status) => {
    const challenge = published();
    challenge.status = status;

    expect(() => challenge.cancel('owner', 'x', NOW)).toThrow(InvalidStateError);
  });

  it.each<ChallengeStatus>(['closed', 'reviewing', 'shortlisted', 'publicity'])('lets an admin cancel a %s challenge', (status) => {
    const challenge = published();
    challenge.status = status;

    challenge.cancel('admin', 'fraud', later(HOUR, DEADLINE));

    expect(challenge.status).toBe('cancelled');
  });

  it('lets an admin cancel a published challenge after its deadline', () => {
    const challenge = published();

    challenge.cancel('admin', 'stuck', later(HOUR, DEADLINE));

    expect(challenge.status).toBe('cancelled');
  });

  it.each<ChallengeStatus>(['cancelled', 'awarded', 'failed'])('refuses everyone on a %s challenge', (status) => {
    const challenge = published();
    challenge.status = status;

    expect(() => challenge.cancel('admin', 'x', NOW)).toThrow(InvalidStateError);
    expect(() => challenge.cancel('owner', 'x', NOW)).toThrow(InvalidStateError);
    expect(challenge.status).toBe(status);
  });
});

describe('Challenge.close', () => {
  it('is refused before the deadline', () => {
    const challenge = published();

    expect(() => challenge.close(3, later(-1, DEADLINE))).toThrow(InvalidStateError);
    expect(challenge.status).toBe('published');
    expect(challenge.isOpened).toBe(false);
  });

  it('is refused for a draft even after its deadline', () =>
    expect(() => draft().close(1, later(HOUR, DEADLINE))).toThrow(InvalidStateError));

  it('closes with live bids at the deadline, opening them', () => {
    const challenge = published();

    expect(challenge.close(2, DEADLINE)).toBe('closed');
    expect(challenge.status).toBe('closed');
    expect(challenge.closedAt).toEqual(DEADLINE);
    expect(challenge.isOpened).toBe(true);
    expect(challenge.version).toBe(3);
  });

  it('fails (流标) with no live bid', () => {
    const challenge = published();
    const at = later(HOUR, DEADLINE);

    expect(challenge.close(0, at)).toBe('failed');
    expect(challenge.status).toBe('failed');
    expect(challenge.closedAt).toEqual(at);
    expect(challenge.isOpened).toBe(true);
  });

  it('closes only once', () => {
    const challenge = published();
    challenge.close(1, DEADLINE);

    expect(() => challenge.close(1, later(HOUR, DEADLINE))).toThrow(InvalidStateError);
    expect(challenge.closedAt).toEqual(DEADLINE);
  });
});

describe('Challenge.acceptsBidsAt', () => {
  it('accepts bids only while published and before the deadline', () => {
    const challenge = published();

    expect(challenge.acceptsBidsAt(NOW)).toBe(true);
    expect(challenge.acceptsBidsAt(later(-1, DEADLINE))).toBe(true);
    expect(challenge.acceptsBidsAt(DEADLINE)).toBe(false);
    expect(challenge.acceptsBidsAt(later(1, DEADLINE))).toBe(false);
    expect(() => challenge.assertAcceptsBids(DEADLINE)).toThrow(BiddingClosedError);
  });

  it('does not accept bids on a draft or a cancelled challenge', () => {
    const cancelled = published();
    cancelled.cancel('owner', 'x', NOW);
    expect([draft().acceptsBidsAt(NOW), cancelled.acceptsBidsAt(NOW)]).toEqual([false, false]);
  });
});
