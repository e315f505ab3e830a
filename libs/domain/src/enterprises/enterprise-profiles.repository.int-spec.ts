import { DataSource } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { openTestDataSource } from '../../../../test/support/test-database';
import { enterpriseProfileContent, organization } from '../../../../test/support/factories';
import { OrganizationsRepository } from '../identity/identity.repositories';
import { EnterpriseProfile } from './enterprise-profile.entity';
import { EnterpriseProfilesRepository } from './enterprise-profiles.repository';

let db: { dataSource: DataSource; close: () => Promise<void> };
let tx: TransactionHost;
let profiles: EnterpriseProfilesRepository;
let organizations: OrganizationsRepository;

beforeAll(async () => {
  db = await openTestDataSource();
  tx = new TransactionHost(db.dataSource);
  profiles = new EnterpriseProfilesRepository(tx);
  organizations = new OrganizationsRepository(tx);
});

afterAll(async () => {
  await db?.close();
});

async function sme(): Promise<string> {
  const org = organization({ kind: 'sme' });
  await organizations.insert(org);
  return org.id;
}

async function storedChangeSeq(organizationId: string): Promise<number> {
  const rows: Array<{ change_seq: string }> = await db.dataSource.query(
    `SELECT change_seq FROM enterprise_profiles WHERE organization_id = $1`,
    [organizationId],
  );
  return Number(rows[0].change_seq);
}

describe('EnterpriseProfilesRepository.upsert', () => {
  it('takes a new, increasing changeSeq on insert and on every update', async () => {
    const first = await sme();
    const second = await sme();
    const seqs: number[] = [];

    seqs.push((await profiles.upsert(EnterpriseProfile.create(first, enterpriseProfileContent(), new Date()))).changeSeq);
    seqs.push((await profiles.upsert(EnterpriseProfile.create(second, enterpriseProfileContent(), new Date()))).changeSeq);
    for (const description of ['更新一', '更新二']) {
      const profile = await profiles.findByOrganization(first);
      if (!profile) throw new Error('profile not found');
      profile.replace(enterpriseProfileContent({ description }), new Date());
      seqs.push((await profiles.upsert(profile)).changeSeq);
    }

    for (const seq of seqs) expect(Number.isSafeInteger(seq)).toBe(true);
    for (let i = 1; i < seqs.length; i += 1) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
    expect(await storedChangeSeq(first)).toBe(seqs[3]);
    expect(await storedChangeSeq(second)).toBe(seqs[1]);
  });

  it('changes the sequence even when an update carries the same content', async () => {
    const org = await sme();
    const profile = EnterpriseProfile.create(org, enterpriseProfileContent(), new Date());
    const before = (await profiles.upsert(profile)).changeSeq;

    const after = (await profiles.upsert(profile)).changeSeq;

    expect(after).toBeGreaterThan(before);
  });

  it('replaces every content field and reads it back', async () => {
    const org = await sme();
    await profiles.upsert(EnterpriseProfile.create(org, enterpriseProfileContent(), new Date()));
    const content = enterpriseProfileContent({
      description: '新的描述 new description',
      capabilities: ['视觉检测', 'machine-vision'],
      industries: ['C4011'],
      certifications: ['high-tech'],
      employeeCount: null,
      patents: [],
      pastProjects: [{ title: 'AOI', description: 'Solder inspection', year: 2023, client: '某电子厂' }],
    });

    await profiles.upsert(EnterpriseProfile.create(org, content, new Date()));

    expect((await profiles.findByOrganization(org))?.content()).toEqual(content);
  });
});

describe('EnterpriseProfilesRepository.findSmeWithProfile', () => {
  it('finds an SME without a profile yet, with profile null', async () => {
    const org = await sme();

    const found = await profiles.findSmeWithProfile(org);

    expect(found?.organization.id).toBe(org);
    expect(found?.profile).toBeNull();
  });

  it('does not find a lead organization', async () => {
    const lead = organization({ kind: 'lead' });
    await organizations.insert(lead);

    expect(await profiles.findSmeWithProfile(lead.id)).toBeNull();
  });
});
