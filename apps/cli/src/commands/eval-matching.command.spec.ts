import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalMatching, evaluationChallengeOf } from './eval-matching.command';

const fixture = (name: string) => join(__dirname, '__fixtures__', name);

describe('evalMatching', () => {
  it.each([
    ['enterprises.jsonl', 'challenges.jsonl'],
    ['enterprises.jsonl.gz', 'challenges.jsonl.gz'],
    ['enterprises-gzip-without-extension.ndjson', 'challenges.jsonl'],
  ])('ranks the fixture (%s, %s) with known ranks and writes the DATA.md report', async (enterprises, challenges) => {
    const out = join(mkdtempSync(join(tmpdir(), 'eval-')), 'report.json');
    const report = await evalMatching({ enterprises: fixture(enterprises), challenges: fixture(challenges), out, quiet: true });
    // c1 and c2 find their winner first; c3's winner is not in the enterprise file: a miss, not skipped.
    // The 4th enterprise line is not JSON: reported and skipped.
    expect(report.metrics).toEqual({ 'HR@1': 2 / 3, 'HR@5': 2 / 3, 'HR@10': 2 / 3, 'HR@50': 2 / 3, 'MRR@10': 2 / 3 });
    expect(report).toMatchObject({ challenges: 3, evaluated: 3, enterprises: 3, method: 'jiebang-rank/1' });
    expect(Object.keys(report.timings)).toEqual(['indexBuildMs', 'rankMsMedian', 'rankMsP99', 'totalMs']);
    expect(report.timings.rankMsP99).toBeGreaterThanOrEqual(report.timings.rankMsMedian);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report);
  });

  it('evaluates only the first challenges with limit', async () => {
    const report = await evalMatching({ enterprises: fixture('enterprises.jsonl'), challenges: fixture('challenges.jsonl'), limit: 1, quiet: true });
    expect(report).toMatchObject({ challenges: 3, evaluated: 1, metrics: expect.objectContaining({ 'HR@1': 1, 'MRR@10': 1 }) });
  });

  it('prints a readable summary naming skipped lines', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await evalMatching({ enterprises: fixture('enterprises.jsonl'), challenges: fixture('challenges.jsonl') });
    } finally {
      spy.mockRestore();
      stderr.mockRestore();
    }
    expect(lines.join('\n')).toMatch(/HR@10 0\.667 .*MRR@10 0\.667/);
    expect(lines.join('\n')).toContain('enterprises.jsonl:4: invalid JSON');
  });

  it('maps challenge lines and rejects unusable ones', () => {
    expect(evaluationChallengeOf({ externalId: 'x', title: 'T', issuer: 'DoE', year: 2014, tags: ['a', 3], expected: ['e'] })).toEqual({
      externalId: 'x',
      expected: ['e'],
      query: { title: 'T', description: '', tags: ['a'], kpis: [], industry: null, issuer: 'DoE', year: 2014 },
    });
    expect(evaluationChallengeOf({ title: 'no id', expected: [] })).toEqual({ error: expect.stringContaining('externalId') });
    expect(evaluationChallengeOf({ externalId: 'x' })).toEqual({ error: expect.stringContaining('expected') });
    expect(evaluationChallengeOf([1])).toEqual({ error: expect.any(String) });
  });
});
