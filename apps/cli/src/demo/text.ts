/**
 * Terminal text for the demo: display widths (CJK and full-width characters take two columns), padding,
 * truncation, wrapping, aligned tables and section headings. Pure functions, no I/O.
 */

/** East Asian Wide and Fullwidth ranges (Unicode UAX #11), enough for Chinese text, punctuation and emoji. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation (、。《》)
  [0x3041, 0x33ff], // Kana, Bopomofo, Hangul compatibility, Kanbun, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // full-width forms (，：（）)
  [0xffe0, 0xffe6], // full-width signs (￥)
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x20000, 0x3fffd], // CJK extensions B and later
];

/** Combining marks and zero-width characters take no column. */
const ZERO_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0xfe00, 0xfe0f],
];

const within = (ranges: ReadonlyArray<readonly [number, number]>, cp: number) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** Columns one code point takes in a terminal: 0, 1 or 2. */
export function charWidth(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (within(ZERO_RANGES, codePoint)) return 0;
  return within(WIDE_RANGES, codePoint) ? 2 : 1;
}

/** Columns a string takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) as number);
  return width;
}

/** Cuts `text` to at most `width` columns, ending with `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) as number);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

const CLOSING_PUNCTUATION = /^[,.;:!?)\]}，。；：！？、）》」』”’]+$/u;

/**
 * Breaks `text` into lines of at most `width` columns: at spaces for Latin text, between any two characters
 * for CJK text (which has no spaces). A word longer than a line is cut.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  // Tokens: a run of non-space Latin characters, a single wide character, or a run of spaces.
  const tokens = text.match(/\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe6f\uff00-\uff60]+|./gsu) ?? [];
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (lineWidth > 0 && lineWidth < width) {
        line += ' ';
        lineWidth += 1;
      }
      continue;
    }
    const w = displayWidth(token);
    // Closing punctuation never starts a line: it may overhang the width instead.
    if (lineWidth > 0 && CLOSING_PUNCTUATION.test(token)) {
      line += token;
      lineWidth += w;
      continue;
    }
    if (lineWidth + w > width && lineWidth > 0) {
      lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    }
    if (w > width) {
      lines.push(truncate(token, width));
      continue;
    }
    line += token;
    lineWidth += w;
  }
  if (line.trim().length > 0) lines.push(line.trimEnd());
  return lines;
}

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
  /** Longer cells are truncated to this many columns. */
  max?: number;
}

/** An aligned table: a header row, a rule, then one line per row; columns are separated by two spaces. */
export function table(columns: Column[], rows: string[][], indent = '  '): string[] {
  const cells = rows.map((row) => columns.map((column, i) => (column.max ? truncate(row[i] ?? '', column.max) : (row[i] ?? ''))));
  const widths = columns.map((column, i) => Math.max(displayWidth(column.header), ...cells.map((row) => displayWidth(row[i]))));
  const line = (values: string[]) =>
    indent +
    values
      .map((value, i) => (columns[i].align === 'right' ? padStart(value, widths[i]) : padEnd(value, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)];
}

/** A numbered section heading, Chinese and English. */
export function heading(index: number, chinese: string, english: string): string[] {
  const title = `${index}. ${chinese} ${english}`;
  return ['', title, '═'.repeat(Math.max(displayWidth(title), 40))];
}

/** `label: value` lines with the labels padded to one width. */
export function keyValues(pairs: Array<[string, string]>, indent = '  '): string[] {
  const width = Math.max(...pairs.map(([label]) => displayWidth(label)));
  return pairs.map(([label, value]) => `${indent}${padEnd(label, width)}  ${value}`);
}

/** 1234567 → "1,234,567". */
export function yuan(amount: number): string {
  return `¥${Math.round(amount).toLocaleString('en-US')}`;
}

/** A number with at most `digits` decimals ("72.5", "80"). */
export function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}
