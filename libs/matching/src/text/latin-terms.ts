import { ENGLISH_STOP_WORDS } from './english-stop-words';
import { porterStem } from './porter-stemmer';

/** Longer Latin terms (hashes, base64, run-together garbage) carry no matching signal and are dropped. */
export const MAX_LATIN_TERM_LENGTH = 64;

/** A `.` is part of a term only next to a digit (`H.265`, `0.01mm`, `v2.1`); elsewhere it ends a word. */
const SENTENCE_DOT = /(?<!\p{N})\.(?!\p{N})/u;
const POSSESSIVE = /['’]s(?=$|-)/gu;
const APOSTROPHE = /['’]/gu;
const HAS_DIGIT = /\p{N}/u;
const ASCII_WORD = /^[a-z]+$/u;

/**
 * Turns one non-Han word candidate (letters and digits joined by `-`, `.` or apostrophes, as matched by
 * the tokenizer) into terms, appended to `out`:
 *  - everything is lower-cased (the text was NFKC-normalised, so full-width `ＧａＮ` is `gan` too);
 *  - a term containing a digit is a number or model code and is kept whole, unstemmed and never a stop
 *    word: `5G` → `5g`, `IEC61131-3` → `iec61131-3`, `H.265` → `h.265`, `0.01mm` → `0.01mm`;
 *  - a hyphenated term of letters only is kept whole (`OPC-UA` → `opc-ua`) and followed by its parts as
 *    ordinary words (`opc`, `ua`), so `high-precision` is also found by `precision`;
 *  - an ordinary word loses a possessive `'s` and other apostrophes, is dropped when it is an English stop
 *    word, and is Porter-stemmed when it is plain ASCII (`motors` → `motor`, `controller` → `control`);
 *    words in other alphabets are kept lower-cased, unstemmed.
 */
export function latinTermsInto(candidate: string, out: string[]): void {
  if (HAS_DIGIT.test(candidate)) {
    // Numbers, prices, dates, model codes: mostly kept whole, cheap to compute, and so many distinct values that
    // memoising them would fill the cache with text seen once (bench/README.md, soak).
    computeLatinTerms(candidate, out);
    return;
  }
  let terms = memo.get(candidate);
  if (terms === undefined) {
    const computed: string[] = [];
    computeLatinTerms(candidate, computed);
    if (memo.size >= MEMO_CAPACITY) memo.clear();
    memo.set(candidate, computed);
    terms = computed;
  }
  for (let i = 0; i < terms.length; i++) out.push(terms[i]);
}

/**
 * Word candidates repeat a lot (stemming dominates tokenizing English), so the terms of those without a digit are
 * memoised: their number is bounded by the vocabulary, not by how much text goes through. The cache is bounded
 * (cleared when full) and invisible: the output is the same with or without it.
 */
const MEMO_CAPACITY = 200_000;
const memo = new Map<string, readonly string[]>();

/** Entries in the memo (for tests: text full of numbers must not fill it). */
export function latinTermsMemoSize(): number {
  return memo.size;
}

function computeLatinTerms(candidate: string, out: string[]): void {
  for (const piece of candidate.split(SENTENCE_DOT)) {
    const term = piece.replace(POSSESSIVE, '').replace(APOSTROPHE, '').toLowerCase();
    if (term.length === 0 || term.length > MAX_LATIN_TERM_LENGTH) continue;
    if (HAS_DIGIT.test(term)) {
      out.push(term);
      continue;
    }
    if (term.includes('-')) {
      out.push(term);
      for (const part of term.split('-')) pushWord(part, out);
      continue;
    }
    pushWord(term, out);
  }
}

function pushWord(word: string, out: string[]): void {
  if (word.length === 0 || ENGLISH_STOP_WORDS.has(word)) return;
  out.push(ASCII_WORD.test(word) ? porterStem(word) : word);
}
