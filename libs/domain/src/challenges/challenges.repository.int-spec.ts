import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { tokenize, toSearchDocument } from '@jiebang/matching';
import { openTestDataSource } from '../../../../test/support/test-database';
import { actor, challengeOwner, ChallengeOwner, draftChallenge, enterpriseProfileContent, later, organization, submittedBid } from '../../../../test/support/factories';
import { BidsRepository } from '../bids/bids.repository';
import { EnterpriseProfile } from '../enterprises/enterprise-profile.entity';
import { EnterpriseProfilesRepository } from '../enterprises/enterprise-profiles.repository';
import { OrganizationsRepository } from '../identity/identity.repositories';
import { ChallengeAddendum } from './challenge-addendum.entity';
import { Challenge } from './challenge.entity';
import { ChallengesRepository, QuestionsRepository } from './challenges.repository';
import { Question } from './question.entity';
import { ChallengeContent } from './challenge.types';

const HOUR = 3_600_000;

let db: { dataSource: DataSource; close: () => Promise<void> };
let tx: TransactionHost;
let challenges: ChallengesRepository;
let bids: BidsRepository;

beforeAll(async () => {
  db = await openTestDataSource();
  tx = new TransactionHost(db.dataSource);
  challenges = new ChallengesRepository(tx);
  bids = new BidsRepository(tx);
});

afterAll(async () => {
  await db?.close();
});

interface Seed {
  owner?: ChallengeOwner;
  content?: Partial<ChallengeContent>;
  status?: 'draft' | 'published' | 'cancelled';
  /** createdAt (and drafting time); default now. */
  at?: Date;
}

/** Inserts a challenge with its search document, in the status asked for. */
async function seed(options: Seed = {}): Promise<Challenge> {
  const at = options.at ?? new Date();
  const challenge = draftChallenge({ owner: options.owner, content: options.content, now: at });
  if (options.status === 'published' || options.status === 'cancelled') challenge.publish(at, 0);
  if (options.status === 'cancelled') challenge.cancel('owner', 'test', at);
  const document = toSearchDocument(
    challenge.title,
    challenge.description,
    challenge.tags,
    challenge.kpis.map((k) => k.name),
    challenge.industry,
  );
  await challenges.insert(challenge, document);
  return challenge;
}

function search(q: string, tag: string) {
  return challenges.list({ searchTerms: tokenize(q).join(' '), tag, limit: 100 });
}

const idsOf = (items: Challenge[]) => items.map((c) => c.id);

describe('ChallengesRepository', () => {
  describe('text search over the search document', () => {
    const tag = `search-${randomUUID()}`;
    let servo: Challenge;
    let vision: Challenge;

    beforeAll(async () => {
      servo = await seed({
        status: 'published',
        content: { title: '高精度伺服电机控制器', description: '用于数控机床的伺服驱动。', tags: [tag], kpis: [] },
      });
      vision = await seed({
        status: 'published',
        content: {
          title: 'Machine vision inspection',
          description: 'Detect solder defects on printed circuit boards in real time.',
          tags: [tag],
          kpis: [],
        },
      });
      await seed({
        status: 'published',
        content: { title: '锂电池热管理系统', description: '储能电站电池包的液冷方案。', tags: [tag], kpis: [] },
      });
    });

    it('finds a Chinese title by a Chinese query', async () => {
      expect(idsOf((await search('伺服电机', tag)).items)).toEqual([servo.id]);
    });

    it('finds English text by an English query with other word forms', async () => {
      expect(idsOf((await search('defect inspections', tag)).items)).toEqual([vision.id]);
    });

    it.each(['区块链', 'quantum computing', '伺服 quantum'])('finds nothing for the unrelated query %s', async (q) => {
      expect((await search(q, tag)).items).toEqual([]);
    });

    it('never returns a draft to a public search', async () => {
      const draft = await seed({ content: { title: '伺服电机草稿', tags: [tag], kpis: [] } });

      const found = idsOf((await search('伺服电机', tag)).items);

      expect(found).toContain(servo.id);
      expect(found).not.toContain(draft.id);
    });
  });

  describe('findVisible', () => {
    it('shows a draft to its own organization only', async () => {
      const owner = challengeOwner();
      const draft = await seed({ owner });

      expect(await challenges.findVisible(draft.id, null)).toBeNull();
      expect(await challenges.findVisible(draft.id, actor())).toBeNull();
      expect(await challenges.findVisible(draft.id, actor({ role: 'admin', organizationId: null }))).toBeNull();
      expect((await challenges.findVisible(draft.id, actor({ role: 'lead', organizationId: owner.organizationId })))?.id).toBe(draft.id);
    });

    it('shows a published challenge to everyone, with its content intact', async () => {
      const challenge = await seed({ status: 'published' });

      const found = await challenges.findVisible(challenge.id, null);

      expect(found).toMatchObject({
        id: challenge.id,
        status: 'published',
        version: 2,
        title: challenge.title,
        kpis: challenge.kpis,
        scorecard: challenge.scorecard,
        rewardYuan: challenge.rewardYuan,
        bidDeadline: challenge.bidDeadline,
      });
      expect(await challenges.findVisible(challenge.id, actor())).not.toBeNull();
    });

    it('hydrates exactly as the ORM does: every column, types, transformers and nulls (EntityRows)', async () => {
      const draft = await seed({ content: { industry: null, tags: [] } });
      const cancelled = await seed({ status: 'cancelled' });
      const published = await seed({ status: 'published' });
      published.addAddendum(later(60 * 24 * HOUR), new Date());
      await challenges.insertAddendum(ChallengeAddendum.create(published.id, '补充说明', published.bidDeadline, new Date()));
      await challenges.insertAddendum(ChallengeAddendum.create(published.id, 'no new deadline', null, new Date()));

      for (const challenge of [draft, cancelled, published]) {
        const viaOrm = await db.dataSource.manager.findOneByOrFail(Challenge, { id: challenge.id });
        const mine = actor({ role: 'lead', organizationId: challenge.organizationId });
        const viaRows = await challenges.findVisible(challenge.id, mine);
        expect(viaRows).toBeInstanceOf(Challenge);
        expect(viaRows).toStrictEqual(viaOrm);
        expect(typeof viaRows?.rewardYuan).toBe('number');
        expect(await tx.run(() => challenges.findVisibleForUpdate(challenge.id, mine))).toStrictEqual(viaOrm);
      }
      const addenda = (await challenges.addendaOf([published.id])).get(published.id);
      const addendaViaOrm = await db.dataSource.manager.find(ChallengeAddendum, {
        where: { challengeId: published.id },
        order: { createdAt: 'ASC' },
      });
      expect(addenda).toHaveLength(2);
      expect(addenda).toStrictEqual(addendaViaOrm);
    });

    it('locks with the same visibility inside a transaction', async () => {
      const owner = challengeOwner();
      const draft = await seed({ owner });

      await tx.run(async () => {
        expect(await challenges.findVisibleForUpdate(draft.id, actor())).toBeNull();
        expect((await challenges.findVisibleForUpdate(draft.id, actor({ organizationId: owner.organizationId })))?.id).toBe(draft.id);
      });
    });

    it('locks with the bidder\'s eligibility facts in the same statement, as read on their own', async () => {
      const profiles = new EnterpriseProfilesRepository(tx);
      const organizations = new OrganizationsRepository(tx);
      const withProfile = organization({ region: '440300', size: 'medium' });
      const withoutProfile = organization({ region: '350100', size: 'micro' });
      await organizations.insert(withProfile);
      await organizations.insert(withoutProfile);
      await profiles.upsert(EnterpriseProfile.create(withProfile.id, enterpriseProfileContent({ certifications: ['hi-tech', 'specialized-sme'] }), new Date()));
      const owner = challengeOwner();
      const draft = await seed({ owner });
      const published = await seed({ status: 'published' });

      await tx.run(async () => {
        for (const bidder of [withProfile.id, withoutProfile.id]) {
          const locked = await challenges.findVisibleForUpdateWithFacts(published.id, actor({ organizationId: bidder }), bidder);
          expect(locked?.challenge).toStrictEqual(await challenges.findVisibleForUpdate(published.id, actor({ organizationId: bidder })));
          expect(locked?.facts).toEqual(await profiles.eligibilityFactsOf(bidder));
        }
        const unknown = randomUUID();
        expect(await challenges.findVisibleForUpdateWithFacts(published.id, null, unknown)).toMatchObject({ facts: null });
        expect(await challenges.findVisibleForUpdateWithFacts(draft.id, actor(), withProfile.id)).toBeNull();
        const own = await challenges.findVisibleForUpdateWithFacts(draft.id, actor({ organizationId: owner.organizationId }), withProfile.id);
        expect(own?.challenge.id).toBe(draft.id);
      });
      expect(await profiles.eligibilityFactsOf(withProfile.id)).toEqual({ region: '440300', size: 'medium', certifications: ['hi-tech', 'specialized-sme'] });
      expect(await profiles.eligibilityFactsOf(withoutProfile.id)).toEqual({ region: '350100', size: 'micro', certifications: [] });
    });

    it('saves changes with the version', async () => {
      const challenge = await seed({ status: 'published' });
      challenge.addAddendum(later(60 * 24 * HOUR), new Date());

      await challenges.save(challenge);

      expect(await challenges.findVisible(challenge.id, null)).toMatchObject({ version: 3, bidDeadline: challenge.bidDeadline });
    });
  });

  describe('list', () => {
    it('leaves drafts out of the public list; mineOf lists the own organization’s, drafts included', async () => {
      const tag = `mine-${randomUUID()}`;
      const owner = challengeOwner();
      const ownDraft = await seed({ owner, content: { tags: [tag] } });
      const ownPublished = await seed({ owner, status: 'published', content: { tags: [tag] } });
      const otherDraft = await seed({ content: { tags: [tag] } });
      const otherPublished = await seed({ status: 'published', content: { tags: [tag] } });

      const publicIds = idsOf((await challenges.list({ tag, limit: 100 })).items);
      const mineIds = idsOf((await challenges.list({ tag, mineOf: owner.organizationId, limit: 100 })).items);

      expect(publicIds.sort()).toEqual([ownPublished.id, otherPublished.id].sort());
      expect(mineIds.sort()).toEqual([ownDraft.id, ownPublished.id].sort());
      expect(publicIds).not.toContain(otherDraft.id);
    });

    it('filters by status, industry code prefix and tag', async () => {
      const tag = `filter-${randomUUID()}`;
      const motors = await seed({ status: 'published', content: { industry: 'C3411', tags: [tag, 'servo'] } });
      const instruments = await seed({ status: 'published', content: { industry: 'C4011', tags: [tag] } });
      const software = await seed({ status: 'cancelled', content: { industry: 'I6513', tags: [tag, 'servo'] } });

      const list = async (q: { status?: 'published' | 'cancelled'; industry?: string; tag?: string }) =>
        idsOf((await challenges.list({ tag, ...q, limit: 100 })).items).sort();

      expect(await list({ status: 'published' })).toEqual([motors.id, instruments.id].sort());
      expect(await list({ status: 'cancelled' })).toEqual([software.id]);
      expect(await list({ industry: 'C34' })).toEqual([motors.id]);
      expect(await list({ industry: 'C' })).toEqual([motors.id, instruments.id].sort());
      expect(await list({ industry: 'I6513' })).toEqual([software.id]);
      expect(await list({ industry: '34' })).toEqual([]);
      const servo = idsOf((await challenges.list({ tag: 'servo', limit: 100 })).items);
      expect(servo).toEqual(expect.arrayContaining([motors.id, software.id]));
      expect(servo).not.toContain(instruments.id);
    });

    it('pages newest first, returning every row exactly once, ties broken by id', async () => {
      const tag = `page-${randomUUID()}`;
      const base = later(-10 * HOUR);
      const sameTime = later(3 * 1000, base);
      const seeded: Challenge[] = [];
      for (const offset of [0, 1, 2, 3, 3, 3, 4]) {
        seeded.push(await seed({ status: 'published', at: offset === 3 ? sameTime : later(offset * 1000, base), content: { tags: [tag] } }));
      }
      const expected = [...seeded]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((c) => c.id);

      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await challenges.list({ tag, limit: 3, cursor });
        pages.push(idsOf(page.items));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && pages.length < 10);

      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(expected);
    });
  });

  describe('idsDueForClose', () => {
    it('returns only published challenges whose deadline passed by the database clock, earliest first', async () => {
      const dbNow = await tx.databaseNow();
      const drafted = later(-48 * HOUR, dbNow);
      const dueEarlier = await seed({ status: 'published', at: drafted, content: { bidDeadline: later(-2 * HOUR, dbNow) } });
      const dueLater = await seed({ status: 'published', at: drafted, content: { bidDeadline: later(-1000, dbNow) } });
      const open = await seed({ status: 'published', at: drafted, content: { bidDeadline: later(HOUR, dbNow) } });
      const pastDraft = await seed({ at: drafted, content: { bidDeadline: later(-HOUR, dbNow) } });
      const pastCancelled = await seed({ status: 'cancelled', at: drafted, content: { bidDeadline: later(-HOUR, dbNow) } });
      const ours = new Set([dueEarlier.id, dueLater.id, open.id, pastDraft.id, pastCancelled.id]);

      const due = (await challenges.idsDueForClose(1000)).filter((id) => ours.has(id));

      expect(due).toEqual([dueEarlier.id, dueLater.id]);
    });
  });

  describe('openedBidCounts', () => {
    it('counts live bids of opened challenges only', async () => {
      const drafted = later(-48 * HOUR);
      const deadline = later(-HOUR);
      const opened = await seed({ status: 'published', at: drafted, content: { bidDeadline: deadline } });
      const openedEmpty = await seed({ status: 'published', at: drafted, content: { bidDeadline: deadline } });
      const sealed = await seed({ status: 'published' });
      for (let i = 0; i < 3; i += 1) await bids.insert(submittedBid(opened, randomUUID(), { now: drafted }), drafted);
      const withdrawn = submittedBid(opened, randomUUID(), { now: drafted });
      await bids.insert(withdrawn, drafted);
      withdrawn.withdraw(drafted);
      await bids.save(withdrawn);
      await bids.insert(submittedBid(sealed, randomUUID()), new Date());
      opened.close(3, new Date());
      openedEmpty.close(0, new Date());
      await challenges.save(opened);
      await challenges.save(openedEmpty);

      const reloaded = await Promise.all([opened, openedEmpty, sealed].map((c) => challenges.findVisible(c.id, null)));
      const counts = await challenges.openedBidCounts(reloaded.filter((c): c is Challenge => c !== null));

      expect(reloaded.map((c) => c?.isOpened)).toEqual([true, true, false]);
      expect(counts.get(opened.id)).toBe(3);
      expect(counts.get(openedEmpty.id)).toBe(0);
      expect(counts.has(sealed.id)).toBe(false);
      expect(counts.size).toBe(2);
    });
  });
});

describe('QuestionsRepository.listVisible (pages)', () => {
  it('pages oldest first with ties on the time broken by id, every visible question once, and no page after the last', async () => {
    const questions = new QuestionsRepository(tx);
    const challengeId = randomUUID();
    const asker = { userId: randomUUID(), organizationId: randomUUID() };
    const other = { userId: randomUUID(), organizationId: randomUUID() };
    const t0 = new Date('2030-04-01T08:00:00.000Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    // Three asked in the same millisecond, one answered later, one by another SME still unanswered.
    const asked = [
      Question.ask(challengeId, asker, 'q-a', at(0)),
      Question.ask(challengeId, asker, 'q-b', at(0)),
      Question.ask(challengeId, other, 'q-c', at(0)),
      Question.ask(challengeId, other, 'q-d', at(5)),
      Question.ask(challengeId, asker, 'q-e', at(9)),
    ];
    asked[2].answerWith('answered', at(20));
    for (const q of asked) await questions.insert(q);
    const oldestFirst = [...asked].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));

    async function all(view: Parameters<QuestionsRepository['listVisible']>[1], limit: number) {
      const pages: Question[][] = [];
      let cursor: string | undefined;
      do {
        const page = await questions.listVisible(challengeId, view, { limit, cursor });
        pages.push(page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && pages.length < 10);
      return pages;
    }

    const owner = await all({ all: true, askerOrganizationId: null, askerUserId: randomUUID() }, 2);
    expect(owner.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(owner.flat().map((q) => q.id)).toEqual(oldestFirst.map((q) => q.id));

    // The asking SME: its own (answered or not) and answered ones; not the other SME's pending q-d.
    const mine = await all({ all: false, askerOrganizationId: asker.organizationId, askerUserId: asker.userId }, 2);
    expect(mine.flat().map((q) => q.text).sort()).toEqual(['q-a', 'q-b', 'q-c', 'q-e']);
    expect(mine.map((p) => p.length)).toEqual([2, 2]);

    await expect(questions.listVisible(challengeId, { all: true, askerOrganizationId: null, askerUserId: randomUUID() }, { limit: 2, cursor: 'garbage' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
