import { latinTermsMemoSize } from './latin-terms';
import { defaultTokenizer, tokenize, Tokenizer, toSearchDocument } from './tokenizer';

/** `plainto_tsquery` ANDs its terms: every query term must occur among the document's terms. */
function expectQueryMatches(query: string, document: string): void {
  const queryTerms = tokenize(query);
  const documentTerms = new Set(tokenize(document));
  expect(queryTerms.length).toBeGreaterThan(0);
  expect(queryTerms.filter((term) => !documentTerms.has(term))).toEqual([]);
}

describe('Tokenizer', () => {
  describe('Chinese', () => {
    it('segments with search-mode expansion: sub-words first, then the word', () => {
      expect(tokenize('高精度伺服电机控制器')).toEqual(['精度', '高精度', '伺服', '电机', '伺服电机', '控制', '控制器']);
    });

    it('keeps built-in domain terms whole and adds their dictionary sub-words', () => {
      expect(tokenize('氮化镓')).toEqual(['氮化', '氮化镓']);
      expect(tokenize('工业互联网')).toContain('工业互联网');
      expect(tokenize('基于机器视觉的缺陷检测')).toEqual(
        expect.arrayContaining(['机器视觉', '机器', '视觉', '缺陷检测', '缺陷', '检测']),
      );
      // longer than cutForSearch's 2- and 3-character sub-words
      expect(tokenize('永磁同步电机')).toEqual(expect.arrayContaining(['同步电机', '永磁同步电机']));
    });

    it('drops stop words and punctuation', () => {
      const terms = tokenize('我们需要一个能够进行精密加工的企业，以及相关的设备。');
      expect(terms).toEqual(expect.arrayContaining(['精密加工', '企业', '设备']));
      for (const stop of ['我们', '需要', '一个', '能够', '进行', '的', '以及', '相关', '，', '。']) {
        expect(terms).not.toContain(stop);
      }
    });
  });

  describe('English', () => {
    it('lower-cases, drops stop words and stems', () => {
      expect(tokenize('The Servo Motors are controlling the robotic arms')).toEqual([
        'servo',
        'motor',
        'control',
        'robot',
        'arm',
      ]);
    });

    it('handles possessives, contractions and sentence punctuation', () => {
      expect(tokenize("The company's sensors don't fail.Next, e.g. it")).toEqual([
        'compani',
        'sensor',
        'fail',
        'next',
        'e',
        'g',
      ]);
    });

    it('keeps hyphenated words whole and adds their parts', () => {
      expect(tokenize('state-of-the-art high-precision')).toEqual([
        'state-of-the-art',
        'state',
        'art',
        'high-precision',
        'high',
        'precis',
      ]);
    });
  });

  describe('numbers and model codes', () => {
    it('keeps codes as single, unstemmed terms', () => {
      expect(tokenize('GaN, OPC-UA, 5G, IEC61131-3, ±0.01mm, SiC, H.265, v2.1, 2024')).toEqual([
        'gan',
        'opc-ua',
        'opc',
        'ua',
        '5g',
        'iec61131-3',
        '0.01mm',
        'sic',
        'h.265',
        'v2.1',
        '2024',
      ]);
    });

    it('treats full-width characters like ASCII (NFKC)', () => {
      expect(tokenize('ＧａＮ　ＯＰＣ－ＵＡ　５Ｇ')).toEqual(tokenize('GaN OPC-UA 5G'));
    });

    it('drops over-long garbage terms', () => {
      expect(tokenize(`${'x'.repeat(65)} motor`)).toEqual(['motor']);
    });

    it('does not memoise words with digits: text full of distinct numbers leaves the word cache as it was', () => {
      tokenize('revision motors');
      const before = latinTermsMemoSize();
      for (let n = 0; n < 2_000; n++) {
        expect(tokenize(`revision ${n}, 报价 ${900_000 + n} 元, Motors.V${n}`)).toEqual(['revis', String(n), '报价', String(900_000 + n), '元', 'motor', `v${n}`]);
      }
      // Not one of the 6,000 numbers and codes was memoised (the words were before the loop).
      expect(latinTermsMemoSize()).toBe(before);
    });
  });

  describe('mixed text', () => {
    it('tokenizes Chinese, English and codes in one pass, in order', () => {
      expect(tokenize('精度达到0.01mm的伺服电机，支持OPC-UA协议和5G通信')).toEqual([
        '精度',
        '达到',
        '0.01mm',
        '伺服',
        '电机',
        '伺服电机',
        '支持',
        'opc-ua',
        'opc',
        'ua',
        '协议',
        '5g',
        '通信',
      ]);
    });

    it('returns nothing for empty or punctuation-only text', () => {
      expect(tokenize('')).toEqual([]);
      expect(tokenize(' ，。！？…—— ()[]{} \n\t')).toEqual([]);
      expect(tokenize('的 了 the and of')).toEqual([]);
    });
  });

  describe('user dictionary', () => {
    it('adds words to the segmenter of that tokenizer only', () => {
      expect(tokenize('激光雷达点云处理')).not.toContain('点云处理');
      const custom = new Tokenizer({ userDictionary: ['点云处理', '  ', '激光熔覆 20000 n'] });
      expect(custom.tokenize('激光雷达点云处理')).toEqual(
        expect.arrayContaining(['激光雷达', '点云', '处理', '点云处理']),
      );
      expect(custom.tokenize('激光熔覆')).toContain('激光熔覆');
      expect(tokenize('激光雷达点云处理')).not.toContain('点云处理');
    });

    it('rejects malformed entries', () => {
      expect(() => new Tokenizer({ userDictionary: ['OPC-UA'] })).toThrow(RangeError);
      expect(() => new Tokenizer({ userDictionary: ['点云处理 many'] })).toThrow(/invalid frequency/);
      expect(() => new Tokenizer({ userDictionary: ['点云处理 1 n extra'] })).toThrow(RangeError);
    });
  });

  it('is deterministic', () => {
    const text = 'Servo motors 伺服电机控制器 with OPC-UA and 氮化镓 GaN devices, 精度0.01mm';
    const first = tokenize(text);
    expect(tokenize(text)).toEqual(first);
    expect(new Tokenizer().tokenize(text)).toEqual(first);
    expect(defaultTokenizer()).toBe(defaultTokenizer());
  });

  describe('query terms are a subset of document terms', () => {
    it.each([
      ['伺服电机', '高精度伺服电机控制器'],
      ['氮化镓', 'GaN 氮化镓功率器件'],
      ['电机控制', '永磁同步电机控制器'],
      ['同步电机', '永磁同步电机'],
      ['互联网平台', '工业互联网平台建设'],
      ['缺陷检测 机器视觉', '基于机器视觉的表面缺陷检测系统'],
      ['servo motors', 'Servo motor controller'],
      ['controlling motor', 'Motor controllers'],
      ['OPC-UA', 'Supports OPC-UA and Modbus'],
      ['opc', 'Supports OPC-UA and Modbus'],
      ['5G 通信', '支持5G通信的工业网关'],
      ['GaN power devices', 'GaN 氮化镓功率器件 power device'],
    ])('%s ⊆ %s', (query, document) => {
      expectQueryMatches(query, document);
    });
  });
});

describe('toSearchDocument', () => {
  it('joins the terms of every text with single spaces, skipping null and undefined', () => {
    expect(toSearchDocument('Servo motors', null, ['伺服电机', 'OPC-UA'], undefined, '')).toBe(
      'servo motor 伺服 电机 伺服电机 opc-ua opc ua',
    );
    expect(toSearchDocument()).toBe('');
    expect(toSearchDocument(null, [], '的')).toBe('');
  });

  it('emits only letters, digits and marks, with - or . inside terms', () => {
    const document = toSearchDocument(
      "O'Reilly & Sons: 'quoted' \"text\" (5G|SiC) a\\b; DROP TABLE x;-- 1:2 ＆ \u0000 tab\there",
      ['精度±0.01mm，温度<85℃'],
    );
    for (const term of document.split(' ')) expect(term).toMatch(/^[\p{L}\p{N}\p{M}]+(?:[-.][\p{L}\p{N}\p{M}]+)*$/u);
    expect(document).not.toMatch(/ {2}|^ | $/);
  });
});
