import { RankingIndex } from './ranking-index';

describe('RankingIndex on a small index', () => {
  it('ranks an enterprise whose only evidence is a capability every profile shares', () => {
    const index = new RankingIndex({ now: () => 2026 });
    const base = { region: '350102', size: null, description: '', industries: [], certifications: [], patents: [], pastProjects: [] };
    index.upsert({ ...base, id: 'capability-only', capabilities: ['伺服驱动', 'servo drives'] });
    index.upsert({
      ...base,
      id: 'full',
      description: '专注伺服驱动器与运动控制系统研发',
      capabilities: ['伺服驱动', '运动控制'],
      pastProjects: [{ title: '伺服电机控制系统', description: '数控机床', year: 2024, client: null }],
    });
    const ranked = index.rank(
      { title: '高精度伺服电机控制器', description: '研制伺服电机控制器', tags: ['伺服驱动', '运动控制'], kpis: [], industry: 'C38' },
      { limit: 200 },
    );
    expect(ranked.map((r) => r.enterpriseId)).toEqual(['full', 'capability-only']);
    expect(ranked[1].explanation.matchedCapabilities).toContain('伺服驱动');
  });
});
