/**
 * GB/T 4754-2017 industry classification codes: a section letter A–T, optionally followed by a division
 * (2 digits), group (3 digits) or class (4 digits) code: `C`, `C39`, `C391`, `C3911`. The division must
 * belong to the section (manufacturing C is divisions 13–43), so `C01` is rejected.
 */
export const INDUSTRY_SECTION_DIVISIONS: Readonly<Record<string, readonly [number, number]>> = {
  A: [1, 5], // 农、林、牧、渔业
  B: [6, 12], // 采矿业
  C: [13, 43], // 制造业
  D: [44, 46], // 电力、热力、燃气及水生产和供应业
  E: [47, 50], // 建筑业
  F: [51, 52], // 批发和零售业
  G: [53, 60], // 交通运输、仓储和邮政业
  H: [61, 62], // 住宿和餐饮业
  I: [63, 65], // 信息传输、软件和信息技术服务业
  J: [66, 69], // 金融业
  K: [70, 70], // 房地产业
  L: [71, 72], // 租赁和商务服务业
  M: [73, 75], // 科学研究和技术服务业
  N: [76, 79], // 水利、环境和公共设施管理业
  O: [80, 82], // 居民服务、修理和其他服务业
  P: [83, 83], // 教育
  Q: [84, 85], // 卫生和社会工作
  R: [86, 90], // 文化、体育和娱乐业
  S: [91, 96], // 公共管理、社会保障和社会组织
  T: [97, 97], // 国际组织
};

const INDUSTRY_CODE = /^([A-T])(?:(\d{2})\d{0,2})?$/;

export function isValidIndustryCode(code: string): boolean {
  if (typeof code !== 'string') return false;
  const match = INDUSTRY_CODE.exec(code);
  if (!match) return false;
  const [, section, division] = match;
  if (division === undefined) return true;
  const range = INDUSTRY_SECTION_DIVISIONS[section];
  if (!range) return false;
  const value = Number(division);
  return value >= range[0] && value <= range[1];
}
