/**
 * Built-in domain dictionary: industrial and technology terms that the stock jieba dictionary splits or
 * does not know. Always loaded. Each term is cut as one word, and search-mode expansion still adds its
 * dictionary sub-words (氮化镓 → 氮化, 氮化镓), so a query for the whole term or a part of it matches.
 */
export const DOMAIN_TERMS: readonly string[] = [
  // motion control, drives, machines
  '伺服驱动', '伺服电机', '伺服系统', '伺服控制', '步进电机', '永磁同步电机', '变频器', '运动控制',
  '减速器', '谐波减速器', '数控机床', '工业母机', '五轴联动', '精密加工', '超精密加工', '增材制造',
  '工业机器人', '协作机器人', '移动机器人', '可编程逻辑控制器', '工业控制',
  // sensing and vision
  '机器视觉', '视觉检测', '缺陷检测', '无损检测', '激光雷达', '毫米波雷达', '点云', '传感器', '光纤传感',
  // semiconductors and materials
  '碳化硅', '氮化镓', '第三代半导体', '功率半导体', '功率器件', '集成电路', '晶圆', '光刻胶', '光刻机',
  '封装测试', '复合材料', '碳纤维', '高温合金', '稀土永磁',
  // energy and vehicles
  '锂电池', '固态电池', '动力电池', '燃料电池', '储能系统', '氢能', '新能源汽车', '智能网联汽车', '自动驾驶',
  // digital industry
  '工业互联网', '工业软件', '工业大数据', '边缘计算', '数字孪生', '智能制造', '智能工厂', '数字化车间',
  '预测性维护', '故障诊断', '人工智能', '大模型', '深度学习',
  // the programme itself
  '揭榜挂帅', '专精特新', '小巨人', '卡脖子', '国产替代', '信创',
];

/**
 * Frequency given to built-in terms and to user-dictionary words that carry none. High enough that the
 * term beats any split of itself into dictionary words, low enough not to distort unrelated text.
 */
export const DEFAULT_TERM_FREQUENCY = 10_000;

/** One jieba dictionary line: `word freq tag`. */
export interface DictionaryEntry {
  word: string;
  frequency: number;
  tag: string;
}

const HAN_WORD = /^\p{Script=Han}+$/u;

/**
 * Parses a user-dictionary entry: a bare word (`激光熔覆`) or a jieba dictionary line
 * (`激光熔覆 20000 n`). Blank entries yield `null`. Words must be Chinese characters only — Latin text
 * never reaches the segmenter, so a Latin entry could have no effect and is rejected as a mistake.
 */
export function parseDictionaryEntry(entry: string): DictionaryEntry | null {
  const parts = entry.trim().split(/\s+/u).filter((part) => part.length > 0);
  if (parts.length === 0) return null;
  const [word, frequencyText, tag, ...rest] = parts;
  if (word === undefined || rest.length > 0) {
    throw new RangeError(`User dictionary entry "${entry}" must be "word", "word freq" or "word freq tag".`);
  }
  if (!HAN_WORD.test(word)) {
    throw new RangeError(
      `User dictionary word "${word}" must consist of Chinese characters; Latin terms need no dictionary.`,
    );
  }
  let frequency = DEFAULT_TERM_FREQUENCY;
  if (frequencyText !== undefined) {
    if (!/^[1-9]\d{0,8}$/u.test(frequencyText)) {
      throw new RangeError(`User dictionary entry "${entry}" has an invalid frequency "${frequencyText}".`);
    }
    frequency = Number(frequencyText);
  }
  return { word, frequency, tag: tag ?? 'n' };
}

/** Renders entries in jieba's dictionary format, one `word freq tag` per line. */
export function formatDictionary(entries: readonly DictionaryEntry[]): string {
  return entries.map(({ word, frequency, tag }) => `${word} ${frequency} ${tag}\n`).join('');
}

/** The built-in terms as jieba dictionary text. */
export function domainDictionaryText(): string {
  return formatDictionary(DOMAIN_TERMS.map((word) => ({ word, frequency: DEFAULT_TERM_FREQUENCY, tag: 'n' })));
}
