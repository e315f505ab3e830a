/**
 * Deterministic synthetic SME profiles and challenges for the matching benchmark: mixed Chinese (≈70%)
 * and English (≈30%) text built from industrial vocabulary with a skewed (Zipf-like) term distribution,
 * so some terms are very common and most are rare, as in real profiles.
 */
import { dict } from '@node-rs/jieba/dict';
import type { ChallengeQuery, EnterpriseDocument, EnterpriseSize } from '@jiebang/matching';
import { DOMAIN_TERMS } from '@jiebang/matching';

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZH_EXTRA = [
  '控制系统', '检测设备', '自动化', '生产线', '精密', '高精度', '可靠性', '传感', '算法', '软件', '平台', '模块',
  '驱动', '电机', '控制器', '测试', '材料', '工艺', '装备', '智能', '监测', '数据', '网络', '通信', '芯片', '电源',
  '电池', '焊接', '铸造', '注塑', '模具', '轴承', '齿轮', '液压', '气动', '阀门', '泵', '压缩机', '换热器', '涂层',
  '表面处理', '热处理', '光学', '激光', '图像', '识别', '定位', '导航', '无人机', '机械臂', '夹具', '刀具', '磨削',
  '抛光', '检测', '标定', '仿真', '建模', '优化', '调度', '预测', '维护', '能耗', '节能', '环保', '废水', '固废',
  '医疗器械', '诊断', '试剂', '药物', '纺织', '食品', '包装', '物流', '仓储', '追溯', '安全', '防爆', '消防',
];
const ZH_FILLER = ['公司', '专注于', '研发', '生产', '提供', '服务', '技术', '产品', '方案', '客户', '行业', '领域', '核心', '团队'];
const ZH_SUFFIX = ['系统', '装置', '平台', '研发', '项目', '改造', '升级', '国产化', '产业化', '关键技术研究'];
const EN_TERMS = [
  'servo drive', 'motion control', 'machine vision', 'defect detection', 'lidar', 'radar', 'sensor fusion',
  'power electronics', 'silicon carbide', 'gallium nitride', 'battery management', 'fuel cell', 'energy storage',
  'hydrogen', 'robot', 'robotic arm', 'additive manufacturing', 'laser cladding', 'cnc machining', 'precision',
  'composite', 'carbon fiber', 'coating', 'corrosion', 'welding', 'casting', 'injection molding', 'hydraulic',
  'pneumatic', 'valve', 'pump', 'compressor', 'heat exchanger', 'thermal management', 'optics', 'imaging',
  'spectroscopy', 'ultrasound', 'x-ray', 'inspection', 'calibration', 'simulation', 'digital twin', 'edge computing',
  'industrial iot', 'plc', 'scada', 'opc-ua', '5g', 'wireless', 'antenna', 'rf', 'microwave', 'semiconductor',
  'wafer', 'packaging', 'mems', 'fpga', 'embedded', 'firmware', 'software', 'algorithm', 'machine learning',
  'neural network', 'predictive maintenance', 'scheduling', 'optimization', 'logistics', 'traceability',
  'medical device', 'diagnostics', 'biosensor', 'drug delivery', 'water treatment', 'filtration', 'catalyst',
  'polymer', 'ceramic', 'alloy', 'magnet', 'motor', 'gearbox', 'bearing', 'actuator', 'controller', 'inverter',
];
const EN_FILLER = ['we', 'develop', 'design', 'manufacture', 'deliver', 'solutions', 'for', 'industrial', 'customers', 'with', 'high', 'reliability', 'and', 'advanced'];
const EN_SUFFIX = ['system', 'platform', 'prototype', 'upgrade', 'development', 'integration', 'retrofit'];
const CLIENTS = Array.from({ length: 300 }, (_, i) => `链主企业${i}集团`).concat(
  Array.from({ length: 100 }, (_, i) => `Lead Manufacturer ${i} Co.`),
);
const INDUSTRIES = ['C34', 'C35', 'C38', 'C39', 'C40', 'C26', 'C27', 'C29', 'C33', 'I65', 'M73', 'C36', 'C37'];
const CERTIFICATIONS = ['specialized-sme', 'little-giant', 'high-tech', 'ISO 9001', 'ISO 13485', 'IATF 16949'];
const SIZES: EnterpriseSize[] = ['micro', 'small', 'medium', 'large'];
const REGIONS = ['350100', '350200', '310000', '320500', '440300', '330100', '110000', '510100'];

/** A vocabulary sampled in proportion to weights (binary search over the cumulative weights). */
class Vocabulary {
  private readonly cumulative: Float64Array;

  constructor(
    readonly words: readonly string[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(words.length);
    let total = 0;
    weights.forEach((weight, i) => (this.cumulative[i] = total += weight));
  }

  sample(rand: () => number): string {
    const target = rand() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid] <= target) low = mid + 1;
      else high = mid;
    }
    return this.words[low];
  }
}

/** Industrial terms, Zipf-weighted (1 / rank): the specialised part of every text. */
const zipf = (words: readonly string[]) => new Vocabulary(words, words.map((_, i) => 1 / (i + 1)));
const ZH_DOMAIN = zipf([...DOMAIN_TERMS, ...ZH_EXTRA]);
const EN_DOMAIN = zipf(EN_TERMS);

/** General Chinese nouns from jieba's stock dictionary (2–4 Han characters), weighted by their frequency. */
function chineseGeneral(): Vocabulary {
  const words: string[] = [];
  const weights: number[] = [];
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const [word, frequency, tag] = line.split(' ');
    if (!word || !/^\p{Script=Han}{2,4}$/u.test(word) || !['n', 'vn', 'nz'].includes(tag)) continue;
    words.push(word);
    weights.push(Number(frequency));
  }
  return new Vocabulary(words, weights);
}

/** English long tail: deterministic pseudo-words from syllables, Zipf-weighted. */
function englishGeneral(): Vocabulary {
  const syllables = ['ta', 'ko', 'ri', 'men', 'sol', 'tra', 'vex', 'lin', 'dor', 'qua', 'ser', 'pho', 'nex', 'cal', 'tor', 'gen'];
  const rand = random(42);
  const words = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 2 + Math.floor(rand() * 2) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''),
  );
  return zipf([...new Set(words)]);
}

let general: { zh: Vocabulary; en: Vocabulary } | undefined;
function generalVocabulary(): { zh: Vocabulary; en: Vocabulary } {
  general ??= { zh: chineseGeneral(), en: englishGeneral() };
  return general;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** Specialities: consecutive groups of 8 industrial terms (the lists are grouped by topic). */
const chunk = (words: readonly string[]) =>
  Array.from({ length: Math.ceil(words.length / 8) }, (_, i) => words.slice(i * 8, i * 8 + 8));
const ZH_SPECIALITIES = chunk([...DOMAIN_TERMS, ...ZH_EXTRA]);
const EN_SPECIALITIES = chunk(EN_TERMS);

interface Voice {
  chinese: boolean;
  /** The firm's (or challenge's) 1–2 specialities. */
  focus: string[];
}

function voice(rand: () => number): Voice {
  const chinese = rand() < 0.7;
  const specialities = chinese ? ZH_SPECIALITIES : EN_SPECIALITIES;
  const focus = [pick(rand, specialities)];
  if (rand() < 0.5) focus.push(pick(rand, specialities));
  return { chinese, focus: focus.flat() };
}

/**
 * `count` terms: industrial ones (`domainShare`, 80% of them from the voice's specialities, the rest from
 * all industrial terms) and general ones.
 */
function terms(rand: () => number, v: Voice, count: number, domainShare = 0.6): string[] {
  const domain = v.chinese ? ZH_DOMAIN : EN_DOMAIN;
  const other = v.chinese ? generalVocabulary().zh : generalVocabulary().en;
  return Array.from({ length: count }, () => {
    if (rand() >= domainShare) return other.sample(rand);
    return rand() < 0.8 ? pick(rand, v.focus) : domain.sample(rand);
  });
}

function sentence(rand: () => number, v: Voice, count: number): string {
  const parts: string[] = [];
  for (const term of terms(rand, v, count)) parts.push(pick(rand, v.chinese ? ZH_FILLER : EN_FILLER), term);
  return v.chinese ? `${parts.join('')}。` : `${parts.join(' ')}.`;
}

function title(rand: () => number, v: Voice): string {
  const words = terms(rand, v, 2 + Math.floor(rand() * 2), 0.85);
  return v.chinese ? words.join('') + pick(rand, ZH_SUFFIX) : `${words.join(' ')} ${pick(rand, EN_SUFFIX)}`;
}

export function syntheticEnterprise(id: number, seed = 1): EnterpriseDocument {
  const rand = random(seed * 1_000_003 + id);
  const v = voice(rand);
  const chinese = v.chinese;
  const projectCount = Math.floor(rand() * 7);
  return {
    id: `sme-${String(id).padStart(6, '0')}`,
    name: chinese ? `合成企业${id}` : `Synthetic ${id} Ltd.`,
    region: pick(rand, REGIONS),
    size: pick(rand, SIZES),
    description: Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(rand, v, 4)).join(chinese ? '' : ' '),
    capabilities: terms(rand, v, 3 + Math.floor(rand() * 5), 1),
    industries: [pick(rand, INDUSTRIES) + (rand() < 0.5 ? String(Math.floor(rand() * 90) + 10) : '')],
    certifications: rand() < 0.4 ? [pick(rand, CERTIFICATIONS)] : [],
    patents: Array.from({ length: Math.floor(rand() * 4) }, () => ({ title: title(rand, v), year: 2012 + Math.floor(rand() * 14) })),
    pastProjects: Array.from({ length: projectCount }, () => ({
      title: title(rand, v),
      description: sentence(rand, v, 5),
      year: 2010 + Math.floor(rand() * 16),
      client: rand() < 0.8 ? pick(rand, CLIENTS) : null,
    })),
  };
}

export function syntheticChallenge(id: number, seed = 7): ChallengeQuery {
  const rand = random(seed * 7_000_003 + id);
  const v = voice(rand);
  const chinese = v.chinese;
  return {
    title: title(rand, v),
    description: Array.from({ length: 3 + Math.floor(rand() * 3) }, () => sentence(rand, v, 5)).join(chinese ? '' : ' '),
    tags: terms(rand, v, 2 + Math.floor(rand() * 3), 1),
    kpis: chinese ? ['定位精度 0.01mm', '响应时间 10ms'] : ['accuracy 0.01 mm', 'latency 10 ms'],
    industry: pick(rand, INDUSTRIES),
    issuer: pick(rand, CLIENTS),
    year: 2026,
  };
}
