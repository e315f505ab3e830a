/**
 * What the demo's actors write: the challenge, the bids, the reviewers' scores and comments. Pure and
 * deterministic (the same reviewer scores the same bid the same way on every run).
 */
import { BIDDERS, LEAD, smeByKey } from './cast';

export const SCORECARD = {
  criteria: [
    { key: 'technical', name: '技术方案', weight: 40, maxScore: 10 },
    { key: 'kpi', name: '指标可达性', weight: 20, maxScore: 10 },
    { key: 'team', name: '团队与业绩', weight: 20, maxScore: 10 },
    { key: 'price', name: '报价合理性', weight: 20, maxScore: 10 },
  ],
};

export interface Criterion {
  key: string;
  name: string;
  weight: number;
  maxScore: number;
}

/** The challenge the lead posts: deadline `deadlineInMs` from `now`. */
export function challengeBody(deadlineInMs: number, now: Date = new Date()) {
  return {
    title: '数控机床高精度伺服驱动与运动控制系统研制',
    description:
      `${LEAD.name}面向五轴加工中心和精密数控车床，公开征集高精度交流伺服驱动器与多轴运动控制系统的研制方案，` +
      '要求支持EtherCAT总线、FOC矢量控制和全闭环光栅反馈，实现进口伺服系统的国产化替代。' +
      ' Open call: a high-precision servo drive and multi-axis motion controller for CNC machine tools (EtherCAT, closed-loop feedback).',
    industry: 'C34',
    tags: ['伺服驱动', '运动控制', 'EtherCAT', '高精度定位'],
    kpis: [
      { name: '定位精度 Positioning accuracy', target: '≤±0.005', unit: 'mm', mandatory: true },
      { name: '速度环带宽 Speed-loop bandwidth', target: '≥2', unit: 'kHz', mandatory: true },
      { name: 'EtherCAT通信周期 Bus cycle', target: '≤125', unit: 'μs', mandatory: false },
      { name: '平均无故障时间 MTBF', target: '≥50000', unit: 'h', mandatory: true },
    ],
    rewardYuan: 3_000_000,
    eligibility: { regions: ['35'] },
    bidDeadline: new Date(now.getTime() + deadlineInMs).toISOString(),
    maxWinners: 2,
    shortlistSize: 3,
    passingScore: 60,
    scorecard: SCORECARD,
    review: { reviewersPerBid: 3, blind: true },
  };
}

const APPROACHES: Record<string, { summary: string; approach: string; team: Array<{ name: string; role: string }> }> = {
  jingchi: {
    summary: '自研EtherCAT总线伺服驱动器+五轴运动控制器，扰动观测器补偿实现±0.003mm定位',
    approach: '采用双核MCU+FPGA架构，电流环32kHz、速度环带宽2.5kHz；扰动观测器与摩擦补偿；23位绝对值编码器与光栅尺全闭环。',
    team: [
      { name: '许明辉', role: '项目负责人' },
      { name: '蔡文杰', role: '控制算法' },
    ],
  },
  dingxin: {
    summary: '基于成熟运动控制平台的多轴插补与伺服调优方案，兼容主流数控系统',
    approach: '运动控制器自研，伺服驱动采用合作厂商定制版本；前瞻插补与误差补偿，EtherCAT周期125μs。',
    team: [
      { name: '陈立新', role: '项目负责人' },
      { name: '王振宇', role: '数控软件' },
    ],
  },
  hengrui: {
    summary: '整机改造经验驱动的伺服进给系统方案，含机床精度恢复与现场验证',
    approach: '外购伺服驱动器二次开发，重点在机械传动链优化、精度补偿和现场联调；提供百台机床改造经验。',
    team: [{ name: '黄文彬', role: '项目负责人' }],
  },
  haiying: {
    summary: '电机与驱动一体化的永磁同步伺服方案，低齿槽转矩电机保证低速平稳',
    approach: '自产低齿槽转矩伺服电机配套驱动器，速度环带宽1.8kHz，拟通过算法升级达到2kHz；运动控制器外购。',
    team: [{ name: '方国庆', role: '项目负责人' }],
  },
  huaguang: {
    summary: '以光栅尺与绝对值编码器为核心的全闭环高精度定位方案',
    approach: '提供高分辨率位置反馈与误差补偿，伺服驱动与控制器与合作伙伴联合开发。',
    team: [{ name: '林雅婷', role: '项目负责人' }],
  },
  minxi: {
    summary: 'PLC+通用伺服的低成本运动控制方案',
    approach: '采用PLC运动控制模块与通用伺服驱动器组合，快速交付。',
    team: [{ name: '邱志强', role: '项目负责人' }],
  },
};

/** A bid for `challenge` (as read from the API) by the bidder `key`: every KPI answered, payments summing to 100. */
export function bidBody(challenge: { id: string; kpis: Array<{ id: string; name: string; target: string; unit: string | null }> }, key: string) {
  const bidder = BIDDERS.find((b) => b.key === key);
  const text = APPROACHES[key];
  if (!bidder || !text) throw new Error(`no bid for ${key} in the demo script`);
  const d = bidder.durationDays;
  return {
    challengeId: challenge.id,
    summary: text.summary,
    technicalApproach: text.approach,
    priceYuan: bidder.priceYuan,
    durationDays: d,
    kpiResponses: challenge.kpis.map((k) => ({ kpiId: k.id, commitment: `${k.name.split(' ')[0]} ${k.target}${k.unit ?? ''}，${smeByKey(key).short}承诺达标` })),
    milestones: [
      { title: '方案设计评审', dueDay: Math.round(d * 0.25), paymentPercent: 30 },
      { title: '样机交付与测试', dueDay: Math.round(d * 0.7), paymentPercent: 40 },
      { title: '装机验收', dueDay: d, paymentPercent: 30 },
    ],
    team: text.team,
  };
}

/** FNV-1a of a string, as a number in [0, 1). */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000;
}

/**
 * A reviewer's scores for a bid of the given quality (0–1): quality plus the reviewer's bias plus a little
 * noise per criterion, on half points within 0..maxScore.
 */
export function reviewScores(criteria: Criterion[], quality: number, reviewer: { key: string; bias: number }, bidKey: string): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const c of criteria) {
    const noise = (unitHash(`${reviewer.key}|${bidKey}|${c.key}`) - 0.5) * 0.12;
    const fraction = Math.min(1, Math.max(0, quality + reviewer.bias + noise));
    scores[c.key] = Math.round(fraction * c.maxScore * 2) / 2;
  }
  return scores;
}

const COMMENTS: Record<string, string[]> = {
  jingchi: [
    '技术路线成熟，定位精度与带宽指标论证充分，已有五轴机床应用业绩；建议补充长期可靠性试验计划。',
    '扰动观测器方案有创新，样机数据可信；MTBF论证略显单薄。',
    '团队研发实力强，报价合理，建议明确国产芯片替代比例。',
  ],
  dingxin: [
    '多轴插补经验丰富，方案完整；伺服驱动依赖合作厂商，需说明供应链风险。',
    '数控软件能力突出，速度环带宽指标论证尚可。',
    '整体可行，建议细化驱动器联合开发的分工与知识产权归属。',
  ],
  hengrui: [
    '现场改造经验丰富，但伺服核心算法依赖外购，带宽指标缺少实测依据。',
    '工程化能力强，研制类创新内容偏少。',
    '报价有竞争力，建议补充驱动器二次开发的技术细节。',
  ],
  haiying: [
    '电机本体优势明显，速度环带宽尚未达标，升级路线需验证。',
    '一体化方案有特色，运动控制器外购削弱了方案完整性。',
    '报价偏高，建议说明成本构成。',
  ],
  huaguang: [
    '位置反馈方案专业，但伺服驱动与控制器研发基础薄弱。',
    '精度补偿思路可取，整体系统集成能力有待证明。',
    '建议与驱动器厂商组成联合体揭榜。',
  ],
  minxi: [
    '方案与榜单核心指标匹配度较低，缺少伺服驱动研发基础。',
    '报价明显偏低，难以覆盖研制成本，实施风险较大。',
    'PLC方案难以满足±0.005mm定位精度要求。',
  ],
};

/**
 * A reviewer's comment for the bidder (shown in its feedback) and a private note (lead and admins only); `nth`
 * counts the reviews of this bid written so far, so a bid's reviewers write different comments.
 */
export function reviewComment(reviewerKey: string, bidKey: string, nth: number): { comment: string; privateNote: string } {
  const options = COMMENTS[bidKey] ?? ['方案可行。'];
  const comment = options[nth % options.length];
  const privateNote = reviewerKey === 'wu' ? '内部备注：建议签约前到现场复测定位精度。' : '内部备注：建议签约前赴企业考察样机。';
  return { comment, privateNote };
}
