import { ChineseSegmenter } from './chinese-segmenter';
import { latinTermsInto } from './latin-terms';

export interface TokenizerOptions {
  /**
   * Extra Chinese words for the segmenter, each a bare word (`激光熔覆`) or a jieba dictionary line
   * (`激光熔覆 20000 n`). Added to the stock dictionary and the built-in domain terms.
   */
  userDictionary?: string[];
}

/** Any letter, digit or mark that is not a Han character. */
const WORD_CHAR = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])`;
/**
 * One pass over the text: a run of Han characters (group 1), or a word candidate of other letters and
 * digits whose parts may be joined by `-`, `.` or an apostrophe (group 2). Everything else — whitespace,
 * punctuation, symbols, control characters — separates terms and is dropped.
 */
const RUN = new RegExp(String.raw`(\p{Script=Han}+)|(${WORD_CHAR}+(?:[-.'’]${WORD_CHAR}+)*)`, 'gu');

/**
 * Tokenizes mixed Chinese/English text into matching terms: Han runs through jieba (see
 * `ChineseSegmenter` for the cut mode), other words through `latinTermsInto` (lower-casing, English stop
 * words, Porter stemming, model codes kept whole). Input is NFKC-normalised first, so full-width letters,
 * digits and punctuation behave like their ASCII forms. Deterministic and pure apart from the one-time
 * dictionary load.
 *
 * Every term consists of letters, digits and marks, with `-` or `.` only between them, so the terms joined
 * by spaces are safe input for Postgres `to_tsvector('simple', …)` and `plainto_tsquery('simple', …)`.
 */
export class Tokenizer {
  private readonly segmenter: ChineseSegmenter;

  constructor(options: TokenizerOptions = {}) {
    const userDictionary = options.userDictionary ?? [];
    this.segmenter =
      userDictionary.length > 0 ? ChineseSegmenter.withUserDictionary(userDictionary) : ChineseSegmenter.shared();
  }

  /** The terms of `text` in order of appearance, duplicates kept. */
  tokenize(text: string): string[] {
    const terms: string[] = [];
    if (text.length === 0) return terms;
    for (const match of text.normalize('NFKC').matchAll(RUN)) {
      const [, han, word] = match;
      if (han !== undefined) this.segmenter.segmentInto(han, terms);
      else if (word !== undefined) latinTermsInto(word, terms);
    }
    return terms;
  }
}

let defaultInstance: Tokenizer | undefined;

/** The shared tokenizer with the built-in dictionaries, created on first use. */
export function defaultTokenizer(): Tokenizer {
  defaultInstance ??= new Tokenizer();
  return defaultInstance;
}

/** `defaultTokenizer().tokenize(text)`. */
export function tokenize(text: string): string[] {
  return defaultTokenizer().tokenize(text);
}

/**
 * The terms of every given text (nested lists flattened, `null`/`undefined` skipped), joined by single
 * spaces: the input for `to_tsvector('simple', $1)`. Tokenize queries the same way and pass them to
 * `plainto_tsquery('simple', $1)`; a query whose terms are all stop words is empty and should not be run.
 */
export function toSearchDocument(...texts: Array<string | null | undefined | string[]>): string {
  const terms: string[] = [];
  const tokenizer = defaultTokenizer();
  for (const text of texts) {
    if (text === null || text === undefined) continue;
    for (const part of Array.isArray(text) ? text : [text]) terms.push(...tokenizer.tokenize(part));
  }
  return terms.join(' ');
}
