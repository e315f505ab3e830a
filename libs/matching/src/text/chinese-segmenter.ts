import { Buffer } from 'node:buffer';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { CHINESE_STOP_WORDS } from './chinese-stop-words';
import { DictionaryEntry, domainDictionaryText, formatDictionary, parseDictionaryEntry } from './domain-dictionary';

let sharedJieba: Jieba | undefined;

/** jieba with the stock and the built-in domain dictionary; loading costs ~0.3 s, so it is created once. */
function sharedDomainJieba(): Jieba {
  sharedJieba ??= createJieba([]);
  return sharedJieba;
}

function createJieba(userEntries: readonly DictionaryEntry[]): Jieba {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(domainDictionaryText(), 'utf8'));
  if (userEntries.length > 0) jieba.loadDict(Buffer.from(formatDictionary(userEntries), 'utf8'));
  return jieba;
}

/**
 * Segments runs of Han characters into terms.
 *
 * Cut mode — "search mode over every dictionary sub-word":
 *  1. `cut(run, hmm = false)`: precise mode on the dictionary only. HMM new-word discovery is off because
 *     it groups unknown characters differently depending on their neighbours, and a query must segment
 *     the way the same words segment inside a longer document. Unknown words fall back to single
 *     characters, which still match character by character.
 *  2. For each word longer than two characters, every dictionary word inside it (jieba full mode,
 *     `cutAll`) of two or more characters is emitted before the word itself. This generalises jieba's
 *     `cutForSearch` (which adds only the 2- and 3-character sub-words): 永磁同步电机 also yields 同步电机,
 *     so a query for any dictionary word contained in a document word finds the document.
 *  3. Stop words are dropped.
 */
export class ChineseSegmenter {
  /**
   * Step 2's sub-words (stop words already dropped) per word, memoised: words repeat far more than runs do,
   * and each `cutAll` is a native call. Bounded (cleared when full); invisible in the output.
   */
  private readonly subWords = new Map<string, readonly string[]>();

  private constructor(private readonly jieba: Jieba) {}

  private static readonly SUB_WORD_CACHE = 100_000;

  /** Stock + built-in domain dictionary, shared by every caller. */
  static shared(): ChineseSegmenter {
    return new ChineseSegmenter(sharedDomainJieba());
  }

  /**
   * Stock + built-in domain dictionary + `userDictionary` (entries `word` or `word freq tag`). Builds a
   * dedicated jieba instance (dictionaries are global to an instance), so create such segmenters rarely.
   */
  static withUserDictionary(userDictionary: readonly string[]): ChineseSegmenter {
    const entries = userDictionary
      .map(parseDictionaryEntry)
      .filter((entry): entry is DictionaryEntry => entry !== null);
    return entries.length === 0 ? ChineseSegmenter.shared() : new ChineseSegmenter(createJieba(entries));
  }

  /** `run` must contain Han characters only (the tokenizer guarantees it). Appends terms to `out`. */
  segmentInto(run: string, out: string[]): void {
    for (const word of this.jieba.cut(run, false)) {
      if (word.length > 2) {
        const parts = this.subWordsOf(word);
        for (let i = 0; i < parts.length; i++) out.push(parts[i]);
      }
      if (!CHINESE_STOP_WORDS.has(word)) out.push(word);
    }
  }

  private subWordsOf(word: string): readonly string[] {
    let parts = this.subWords.get(word);
    if (parts === undefined) {
      const seen = new Set<string>([word]);
      const found: string[] = [];
      for (const part of this.jieba.cutAll(word)) {
        if (part.length < 2 || seen.has(part)) continue;
        seen.add(part);
        if (!CHINESE_STOP_WORDS.has(part)) found.push(part);
      }
      if (this.subWords.size >= ChineseSegmenter.SUB_WORD_CACHE) this.subWords.clear();
      this.subWords.set(word, found);
      parts = found;
    }
    return parts;
  }
}
