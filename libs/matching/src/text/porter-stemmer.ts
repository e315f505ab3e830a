/**
 * The Porter stemming algorithm (M.F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980),
 * written from the reference ANSI C implementation at tartarus.org/martin/PorterStemmer, including its two
 * documented departures from the paper: step 2 maps `-bli` → `-ble` (instead of `-abli` → `-able`) and
 * `-logi` → `-log`.
 *
 * Input: one lower-case word of ASCII letters (callers never pass codes, numbers or hyphenated terms).
 * Words of one or two letters, and anything that is not `[a-z]+`, are returned unchanged.
 * Pure and deterministic: the same word always yields the same stem, so query and document terms agree.
 */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  const stemmer = new PorterWord(word);
  stemmer.step1ab();
  stemmer.step1c();
  stemmer.step2();
  stemmer.step3();
  stemmer.step4();
  stemmer.step5();
  return stemmer.result();
}

/** Mutable working state: `b[0..k]` is the current word, `j` marks the end of the stem of a matched suffix. */
class PorterWord {
  private b: string;
  private k: number;
  private j = 0;

  constructor(word: string) {
    this.b = word;
    this.k = word.length - 1;
  }

  result(): string {
    return this.b.slice(0, this.k + 1);
  }

  /** True when `b[i]` is a consonant: not a vowel, and `y` only when it follows a vowel (or starts the word). */
  private cons(i: number): boolean {
    switch (this.b[i]) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false;
      case 'y':
        return i === 0 ? true : !this.cons(i - 1);
      default:
        return true;
    }
  }

  /** The measure m of `b[0..j]`: the number of vowel-consonant sequences in `[C](VC){m}[V]`. */
  private m(): number {
    let n = 0;
    let i = 0;
    for (;;) {
      if (i > this.j) return n;
      if (!this.cons(i)) break;
      i++;
    }
    i++;
    for (;;) {
      for (;;) {
        if (i > this.j) return n;
        if (this.cons(i)) break;
        i++;
      }
      i++;
      n++;
      for (;;) {
        if (i > this.j) return n;
        if (!this.cons(i)) break;
        i++;
      }
      i++;
    }
  }

  /** `b[0..j]` contains a vowel. */
  private vowelInStem(): boolean {
    for (let i = 0; i <= this.j; i++) if (!this.cons(i)) return true;
    return false;
  }

  /** `b[i-1..i]` is a double consonant. */
  private doubleC(i: number): boolean {
    return i >= 1 && this.b[i] === this.b[i - 1] && this.cons(i);
  }

  /** `b[i-2..i]` is consonant-vowel-consonant and the last consonant is not w, x or y (e.g. -hop, -cav). */
  private cvc(i: number): boolean {
    if (i < 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) return false;
    const ch = this.b[i];
    return ch !== 'w' && ch !== 'x' && ch !== 'y';
  }

  /** `b[0..k]` ends with `s`; on success sets `j` to the end of the stem before it. */
  private ends(s: string): boolean {
    const length = s.length;
    if (length > this.k + 1) return false;
    if (this.b.slice(this.k - length + 1, this.k + 1) !== s) return false;
    this.j = this.k - length;
    return true;
  }

  /** Replaces `b[j+1..k]` with `s`. */
  private setTo(s: string): void {
    this.b = this.b.slice(0, this.j + 1) + s;
    this.k = this.j + s.length;
  }

  private replaceIfMeasured(s: string): void {
    if (this.m() > 0) this.setTo(s);
  }

  /** Plurals and -ed/-ing: caresses → caress, ponies → poni, motoring → motor, hopping → hop, filing → file. */
  step1ab(): void {
    if (this.b[this.k] === 's') {
      if (this.ends('sses')) this.k -= 2;
      else if (this.ends('ies')) this.setTo('i');
      else if (this.b[this.k - 1] !== 's') this.k--;
    }
    if (this.ends('eed')) {
      if (this.m() > 0) this.k--;
    } else if ((this.ends('ed') || this.ends('ing')) && this.vowelInStem()) {
      this.k = this.j;
      if (this.ends('at')) this.setTo('ate');
      else if (this.ends('bl')) this.setTo('ble');
      else if (this.ends('iz')) this.setTo('ize');
      else if (this.doubleC(this.k)) {
        this.k--;
        const ch = this.b[this.k];
        if (ch === 'l' || ch === 's' || ch === 'z') this.k++;
      } else {
        this.j = this.k;
        if (this.m() === 1 && this.cvc(this.k)) this.setTo('e');
      }
    }
  }

  /** Terminal y → i when there is another vowel in the stem: happy → happi, sky → sky. */
  step1c(): void {
    if (this.ends('y') && this.vowelInStem()) {
      this.b = this.b.slice(0, this.k) + 'i' + this.b.slice(this.k + 1);
    }
  }

  /** Double suffixes to single ones when m > 0: relational → relate, digitizer → digitize. */
  step2(): void {
    if (this.k < 1) return;
    for (const [suffix, replacement] of STEP2_RULES[this.b[this.k - 1] ?? ''] ?? []) {
      if (this.ends(suffix)) {
        this.replaceIfMeasured(replacement);
        return;
      }
    }
  }

  /** -ic-, -full, -ness etc. when m > 0: triplicate → triplic, hopeful → hope, goodness → good. */
  step3(): void {
    for (const [suffix, replacement] of STEP3_RULES[this.b[this.k] ?? ''] ?? []) {
      if (this.ends(suffix)) {
        this.replaceIfMeasured(replacement);
        return;
      }
    }
  }

  /** Removes -ant, -ence, -ment … when m > 1: adjustable → adjust, adoption → adopt. */
  step4(): void {
    if (this.k < 1) return;
    const candidates = STEP4_SUFFIXES[this.b[this.k - 1] ?? ''];
    if (!candidates) return;
    let matched = false;
    for (const suffix of candidates) {
      if (!this.ends(suffix)) continue;
      if (suffix === 'ion') {
        const before = this.j >= 0 ? this.b[this.j] : undefined;
        if (before !== 's' && before !== 't') continue;
      }
      matched = true;
      break;
    }
    if (matched && this.m() > 1) this.k = this.j;
  }

  /** Removes a final -e when m > 1 (or m = 1 and not *o), and -ll → -l when m > 1: probate → probat. */
  step5(): void {
    this.j = this.k;
    if (this.b[this.k] === 'e') {
      const a = this.m();
      if (a > 1 || (a === 1 && !this.cvc(this.k - 1))) this.k--;
    }
    if (this.b[this.k] === 'l' && this.doubleC(this.k) && this.m() > 1) this.k--;
  }
}

type SuffixRules = Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>;

/** Keyed by the penultimate letter, as in the reference implementation; the first matching suffix wins. */
const STEP2_RULES: SuffixRules = {
  a: [
    ['ational', 'ate'],
    ['tional', 'tion'],
  ],
  c: [
    ['enci', 'ence'],
    ['anci', 'ance'],
  ],
  e: [['izer', 'ize']],
  l: [
    ['bli', 'ble'],
    ['alli', 'al'],
    ['entli', 'ent'],
    ['eli', 'e'],
    ['ousli', 'ous'],
  ],
  o: [
    ['ization', 'ize'],
    ['ation', 'ate'],
    ['ator', 'ate'],
  ],
  s: [
    ['alism', 'al'],
    ['iveness', 'ive'],
    ['fulness', 'ful'],
    ['ousness', 'ous'],
  ],
  t: [
    ['aliti', 'al'],
    ['iviti', 'ive'],
    ['biliti', 'ble'],
  ],
  g: [['logi', 'log']],
};

/** Keyed by the last letter. */
const STEP3_RULES: SuffixRules = {
  e: [
    ['icate', 'ic'],
    ['ative', ''],
    ['alize', 'al'],
  ],
  i: [['iciti', 'ic']],
  l: [
    ['ical', 'ic'],
    ['ful', ''],
  ],
  s: [['ness', '']],
};

/** Keyed by the penultimate letter; `ion` only counts after s or t. */
const STEP4_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  a: ['al'],
  c: ['ance', 'ence'],
  e: ['er'],
  i: ['ic'],
  l: ['able', 'ible'],
  n: ['ant', 'ement', 'ment', 'ent'],
  o: ['ion', 'ou'],
  s: ['ism'],
  t: ['ate', 'iti'],
  u: ['ous'],
  v: ['ive'],
  z: ['ize'],
};
