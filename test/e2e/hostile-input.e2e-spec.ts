import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import {
  BID_STATUSES,
  CHALLENGE_STATUSES,
  creditCodeProblem,
  ENTERPRISE_SIZES,
  ERROR_CODES,
  isValidIndustryCode,
  isValidRegionCode,
  isValidRegionPrefix,
} from '@jiebang/domain';
import { bidBody, challengeBody, createAdmin, registerLead, registerReviewer, registerSme, TestUser, uniqueCreditCode } from '../support/actors';
import { ApiResponse, client, Json, request } from '../support/http';
import { assignmentsOf, scoresAt, submitAllReviews, waitForStatus } from '../support/lifecycle';
import { startStack, Stack } from '../support/stack';

/**
 * Property-based hostile input (issue 6; QUALITY.md "Security", API.md "Conventions"). Every write endpoint
 * (POST, PUT, PATCH, DELETE) that either API service documents at /docs-json gets generated requests — bodies
 * (arbitrary JSON, wrong types, huge and non-finite numbers, NaN-ish and date-ish strings, unicode, NUL bytes and
 * lone surrogates, near-limit and oversized strings, nested values, valid bodies with fields replaced, removed or
 * added, malformed JSON text, other content types), query strings and path parameters (the real target, ids of
 * nothing or of other kinds of objects, non-UUIDs, bad percent-encoding) — once as the user who could succeed
 * and once anonymously. Properties: never a 5xx; every error a problem+json document with a contract code; no
 * anonymous success on a protected endpoint; and afterwards no stored row breaks a rule of the DTOs and the
 * domain (checked with SQL over the test database).
 *
 * Deterministic: a fixed seed per endpoint (HOSTILE_SEED overrides the base, HOSTILE_RUNS the number of runs);
 * fast-check prints the seed and the counterexample on failure.
 */

const BASE_SEED = Number(process.env.HOSTILE_SEED ?? 20_260_601);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 60);
const CLOSE_MS = 4_000;
const HOUR_MS = 3_600_000;
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

type Service = 'challenge' | 'bidding';

// ───────────────────────────── generated values ─────────────────────────────

/** A JSON literal spliced into the body as written (numbers JSON.stringify cannot produce: 1e400, 30 digits…). */
class Raw {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `Raw(${this.text})`;
  }
}

/** A long string, printed compactly in counterexamples. */
class Long {
  constructor(
    readonly length: number,
    readonly unit: string,
  ) {}
  expand(): string {
    return this.unit.repeat(this.length);
  }
  [fc.toStringMethod](): string {
    return `Long(${this.length}×${JSON.stringify(this.unit)})`;
  }
}

const isLeaf = (v: unknown): boolean => typeof v !== 'object' || v === null || v instanceof Raw || v instanceof Long;

/** JSON text with Raw literals spliced in and Long strings expanded; undefined for "no body". */
function serialize(value: unknown): string | undefined {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `@@RAW${raws.length - 1}@@`;
    }
    if (v instanceof Long) return v.expand();
    return v;
  });
  return text?.replace(/"@@RAW(\d+)@@"/g, (_m, i: string) => raws[Number(i)]);
}

/** Percent-encodes, also strings with lone surrogates (which encodeURIComponent refuses: they become `?`). */
const encode = (s: string): string => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?'));

// Stored text is checked for U+FFFD afterwards (what a lone surrogate turns into); the generators never send it.
const noReplacementChar = (s: string) => !s.includes('\uFFFD');

const NEAR_LIMITS = [0, 1, 2, 5, 6, 17, 18, 19, 50, 51, 100, 101, 128, 129, 200, 201, 254, 255, 300, 301, 2000, 2001, 5000, 5001, 10_000, 10_001, 20_000, 20_001, 50_000, 50_001];

const DATE_STRINGS = [
  '2099-12-31T23:59:59Z', '2099-12-31T23:59:59.123456789Z', '2099-12-31T23:59:60Z', '2099-12-31T24:00:00Z',
  '2099-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2099-12-31', '2099-001', '2099-W01-1', '2099-W01-1T10:00:00Z',
  '20991231T235959Z', '2099-12-31T23:59:59+14:00', '2099-12-31T23:59:59-23:59', '2099-12-31T23:59:59.000+25:00',
  '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00Z', '+002099-12-31T00:00:00Z', '-000001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2000-01-01T00:00:00Z', 'tomorrow', '',
];

const SPECIAL_STRINGS = [
  '', ' ', '\t\n', 'NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x1F', '0b11', '1_000', '1,000', '١٢٣', '１２３',
  ' 42 ', 'null', 'undefined', 'true', '[]', '{}', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDBFF',
  '\uFEFF', '\u202Eevil\u202C', '\u200B', 'e\u0301\u0301\u0301\u0301', 'Ω≈ç√∫˜µ≤≥÷', '😀'.repeat(3), '👩‍👩‍👧‍👦',
  '𠜎𠜱𠝹𠱓', "'; DROP TABLE bids; --", "' OR '1'='1", '<script>alert(1)</script>', '../../etc/passwd', '%00',
  '%s%s%s%n', '${jndi:ldap://x/a}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'admin', 'published',
  'awarded', 'upheld', 'approved', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '91350100M000100Y43', '350102', '99', 'C38', 'Z9', 'lead@example.com', 'a@b', ...DATE_STRINGS,
];

const hostileString: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).filter(noReplacementChar) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).filter(noReplacementChar) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...NEAR_LIMITS), fc.constantFrom('x', '长', '😀', 'é')).map(([n, u]) => new Long(n, u)) },
  // over the 1 MiB body limit (413), rarely
  { weight: 1, arbitrary: fc.constantFrom(new Long(300_000, 'x'), new Long(400_000, '长'), new Long(1_100_000, 'x')) },
);

const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      0, -0, 1, -1, 0.5, -0.5, 1.5, 59.99, 99.999, 100, 101, 3650, 3651, 10_000_000, 10_000_001,
      2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 1e12, 1e12 + 1, 1e15, 1e21, 1e300,
      Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
    ),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() }, // NaN and ±Infinity serialize as null
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('1e400', '-1e400', '1E-400', '123456789012345678901234567890', '-0.0', '0e0', '1.0', '100.0000000000000001', '9007199254740993')
      .map((t) => new Raw(t)),
  },
);

const jsonValue = fc.jsonValue({ maxDepth: 3 }).filter((v) => noReplacementChar(JSON.stringify(v) ?? ''));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[]], { '': null }) },
  { weight: 2, arbitrary: jsonValue },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(hostileNumber, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }).filter(noReplacementChar), hostileValueLite(), { maxKeys: 4 }) },
);

function hostileValueLite(): fc.Arbitrary<unknown> {
  return fc.oneof(fc.constantFrom(...SPECIAL_STRINGS.slice(0, 30)), fc.integer(), fc.constant(null), fc.boolean());
}

const extraKey = fc.oneof(
  fc.constantFrom('status', 'id', 'organizationId', 'score', 'version', 'revision', 'role', 'isAdmin', 'total', 'createdAt', 'bidCount', '', ' ', 'a.b', '$where', '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }).filter(noReplacementChar),
);

/**
 * One change to a valid body. `pick` chooses among the body's paths (resolved at run time, when the valid body
 * exists); `tweak` chooses a variant derived from the original value (a date near the real one, an id of
 * another object, the string at its length limit…).
 */
interface Mutation {
  action: 'replace' | 'tweak' | 'delete' | 'null' | 'extra' | 'wrap';
  pick: number;
  tweak: number;
  value: unknown;
  key: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  action: fc.constantFrom<Mutation['action']>('replace', 'replace', 'tweak', 'tweak', 'tweak', 'tweak', 'delete', 'null', 'extra', 'wrap'),
  pick: fc.nat(10_000),
  tweak: fc.nat(10_000),
  value: hostileValue,
  key: extraKey,
});

type BodyChoice =
  | { kind: 'valid' }
  | { kind: 'mutated'; mutations: Mutation[] }
  | { kind: 'arbitrary'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'none' };

const MALFORMED = [
  '{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":Infinity}', '{"a":-}', '{"a":01}', '{"a":"\\x41"}',
  '{"a":"\\uD800"}', '{"a":"\u0000"}', '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}', '[]', '[{}]', 'null', 'true', '"text"', '42', '', ' ',
  '\uFEFF{}', '{"a":1}{"b":2}', '{"a":1}\n{"b":2}', `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`,
];

const bodyChoice: fc.Arbitrary<BodyChoice> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<BodyChoice>({ kind: 'valid' }) },
  { weight: 5, arbitrary: mutation.map((m): BodyChoice => ({ kind: 'mutated', mutations: [m] })) },
  { weight: 2, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }).map((mutations): BodyChoice => ({ kind: 'mutated', mutations })) },
  { weight: 1, arbitrary: hostileValue.map((value): BodyChoice => ({ kind: 'arbitrary', value })) },
  { weight: 1, arbitrary: fc.constantFrom(...MALFORMED).map((text): BodyChoice => ({ kind: 'raw', text })) },
  { weight: 1, arbitrary: fc.constant<BodyChoice>({ kind: 'none' }) },
);

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1',
  'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/x-ndjson', 'application/xml', '',
];
const contentType = fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) });

/** A path parameter: the real target (as is or disguised), an id of another object, or something hostile. */
type ParamChoice =
  | { kind: 'real'; variant: 'plain' | 'upper' | 'braces' | 'suffix' | 'urn' | 'spaced' }
  | { kind: 'other'; index: number }
  | { kind: 'uuid'; value: string }
  | { kind: 'raw'; text: string };

const RAW_SEGMENTS = [
  'not-a-uuid', '0', '-1', 'null', 'undefined', 'NaN', '1e309', '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '%', '%zz', '%00', '%FF', '%ED%A0%80', '%C0%AF', '%2e%2e', '..', '.',
  '%2F', '%252F', ';', "'%20OR%20'1'='1", '%E2%80%AE', 'x'.repeat(101), 'a'.repeat(5000),
];

const paramChoice: fc.Arbitrary<ParamChoice> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<ParamChoice>({ kind: 'real', variant: 'plain' }) },
  { weight: 1, arbitrary: fc.constantFrom('upper', 'braces', 'suffix', 'urn', 'spaced').map((variant): ParamChoice => ({ kind: 'real', variant: variant as 'upper' })) },
  { weight: 2, arbitrary: fc.nat(10_000).map((index): ParamChoice => ({ kind: 'other', index })) },
  { weight: 1, arbitrary: fc.uuid().map((value): ParamChoice => ({ kind: 'uuid', value })) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((text): ParamChoice => ({ kind: 'raw', text })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter(noReplacementChar).map((s): ParamChoice => ({ kind: 'raw', text: encode(s) })) },
);

const QUERY_KEYS = ['limit', 'cursor', 'challengeId', 'status', 'mine', 'q', 'version', 'id', 'role', '__proto__', 'a[b]', 'a[]', ''];
const queryString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), fc.oneof(fc.constantFrom(...SPECIAL_STRINGS), fc.string({ maxLength: 20 }))), {
        minLength: 1,
        maxLength: 4,
      })
      .map((pairs) => `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`),
  },
  { weight: 2, arbitrary: fc.constantFrom('?limit=1000000', '?limit=-1', '?limit=abc', '?%', '?a=%zz', '?&&&', '?=', '?a=1&a=2&a=3', '?limit=1e2', `?q=${'x'.repeat(5000)}`) },
);

/** An Idempotency-Key header (honoured by POST /bids and /challenges, ignored elsewhere); what a client can send. */
const idempotencyKey: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom('retry-1', 'retry-1', 'retry-2') }, // reused across runs, with other bodies
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'k'.repeat(255), 'k'.repeat(256), 'ключ'.normalize(), 'clé', '\t', '../x', "' OR 1=1 --") },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }).filter((k) => /^[\t\x20-\x7e]*$/.test(k)) },
);

interface Input {
  params: ParamChoice[];
  body: BodyChoice;
  query: string;
  contentType: string;
  idempotencyKey: string | null;
}

const input: fc.Arbitrary<Input> = fc.record({
  params: fc.array(paramChoice, { minLength: 3, maxLength: 3 }),
  body: bodyChoice,
  query: queryString,
  contentType,
  idempotencyKey,
});

// ───────────────────────────── mutations ─────────────────────────────

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (isLeaf(value)) return [];
  const out: Path[] = [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as object);
  for (const [key, child] of entries) {
    out.push([...prefix, key]);
    out.push(...pathsOf(child, [...prefix, key]));
  }
  return out;
}

function containersOf(value: unknown, prefix: Path = []): Path[] {
  if (isLeaf(value) || Array.isArray(value)) return Array.isArray(value) ? value.flatMap((v, i) => containersOf(v, [...prefix, i])) : [];
  return [prefix, ...Object.entries(value as object).flatMap(([k, v]) => containersOf(v, [...prefix, k]))];
}

/** A deep copy of a generated value (Raw and Long kept), so a mutation never changes what fast-check generated. */
function copy(value: unknown): unknown {
  if (isLeaf(value)) return value;
  if (Array.isArray(value)) return value.map(copy);
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, copy(v)]));
}

const at = (root: unknown, path: Path): Json => path.reduce<Json>((node, key) => (node as Json)[key], root);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T/;

/** Variants of an original value that stay close to it: what a validator must still catch. */
function tweaked(original: unknown, n: number, otherIds: string[]): unknown {
  const pick = <T>(options: T[]): T => options[n % options.length];
  if (typeof original === 'string') {
    if (UUID_RE.test(original)) {
      return pick<unknown>([original.toUpperCase(), `{${original}}`, `${original}x`, original.slice(0, 35), original.replace(/-/g, ''), otherIds[n % Math.max(1, otherIds.length)] ?? original, '00000000-0000-0000-0000-000000000000', ` ${original}`, [original], original + '\u0000']);
    }
    const t = Date.parse(original);
    if (ISO_RE.test(original) && !Number.isNaN(t)) {
      return pick<unknown>([
        ...DATE_STRINGS,
        new Date(t - HOUR_MS * 24 * 365).toISOString(),
        new Date(Date.now() - 1000).toISOString(),
        new Date(t + 1).toISOString(),
        original.replace('Z', '+08:00'),
        original.replace('T', ' '),
        original.slice(0, 10),
        t,
        new Date(t).toUTCString(),
      ]);
    }
    return pick<unknown>([
      '',
      ' ',
      `${original}\u0000`,
      `${original}\uD800`,
      `\uDC00${original}`,
      `${original}${'😀'.repeat(200)}`,
      new Long(200, original.slice(0, 1) || 'x'),
      new Long(201, 'x'),
      new Long(2001, '长'),
      new Long(5001, 'x'),
      new Long(10_001, 'x'),
      new Long(20_001, 'x'),
      new Long(50_001, 'é'),
      original.toUpperCase(),
      [original],
      { value: original },
      Number(original),
    ]);
  }
  if (typeof original === 'number') {
    return pick<unknown>([original + 1, original - 1, original + 10, -original, original * 2, original * 1e6, original + 0.5, original * 1e15, String(original), new Raw(`${original}e400`), new Raw(`${original}.0`), null, 0, -0, 1, [original], true]);
  }
  if (typeof original === 'boolean') return pick<unknown>([String(original), Number(original), null, [original], !original]);
  if (Array.isArray(original)) {
    return pick<unknown>([[], [...original, ...original], Array.from({ length: 60 }, () => original[0] ?? null), [original], original[0] ?? null, Object.assign({}, original), [null], original.slice(1)]);
  }
  if (original !== null && typeof original === 'object') return pick<unknown>([{}, [original], null, Object.values(original), JSON.stringify(original)]);
  return pick<unknown>([null, 0, '', {}, []]);
}

function applyMutations(valid: Json, mutations: Mutation[], otherIds: string[]): Json {
  let body = structuredClone(valid);
  for (const m of mutations) {
    const paths = pathsOf(body);
    if (m.action === 'extra' || paths.length === 0) {
      const containers = containersOf(body);
      if (containers.length === 0) {
        body = { [m.key]: copy(m.value) };
        continue;
      }
      at(body, containers[m.pick % containers.length])[m.key] = copy(m.value);
      continue;
    }
    const path = paths[m.pick % paths.length];
    const parent = at(body, path.slice(0, -1));
    const last = path[path.length - 1];
    const original = parent[last];
    if (m.action === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (m.action === 'null') parent[last] = null;
    else if (m.action === 'wrap') parent[last] = [original];
    else if (m.action === 'tweak') parent[last] = tweaked(original, m.tweak, otherIds);
    else parent[last] = copy(m.value);
  }
  return body;
}

// ───────────────────────────── the world the requests target ─────────────────────────────

interface Stage {
  challenge: Json;
  bid: Json;
}

interface World {
  stack: Stack;
  lead: TestUser;
  sme: TestUser;
  otherSme: TestUser;
  /** SMEs that have not bid on `open` yet (POST /bids can succeed for each once). */
  smePool: TestUser[];
  /** Withdraws (and re-bids on) `open`. */
  smeWithdrawing: TestUser;
  reviewer: TestUser;
  spareReviewer: TestUser;
  pendingReviewer: TestUser;
  admin: TestUser;
  /** Published, deadline in an hour; `sme` has bid (openBid), questions asked. */
  open: Json;
  openBid: Json;
  question: Json;
  draft: Json;
  /** Reviewing, `reviewer` assigned (one reviewer per bid). */
  reviewing: Stage & { assignment: Json };
  shortlisted: Stage;
  /** Awarded to `sme`'s bid; publicity for an hour. */
  publicity: Stage;
  notification: Json;
  objection: Json;
  /** Every id the set-up knows (for "an id of another object"); not `open`, which no generated request may cancel. */
  ids: string[];
}

// ───────────────────────────── one generator per write endpoint ─────────────────────────────

interface Target {
  service: Service;
  /** The user who could succeed; null for a public endpoint (then the anonymous request is the authorized one). */
  user(w: World): TestUser | null;
  /** The real path parameters, in the order of the path; read fresh each run (objects move on). */
  params?(w: World): Promise<string[]> | string[];
  /** A valid body for those parameters; absent when the endpoint takes none. */
  body?(w: World, params: string[]): Promise<Json> | Json;
  /** NDJSON upload: the valid body is a list of lines. */
  ndjson?: true;
  /** More runs for endpoints with rich bodies. */
  runs?: number;
}

const cs = (w: World, u?: TestUser) => client(w.stack.challengeUrl, u?.token);
const bs = (w: World, u?: TestUser) => client(w.stack.biddingUrl, u?.token);

function ok<T extends ApiResponse<Json>>(r: T, status: number, what: string): T {
  if (r.status !== status) throw new Error(`set-up: ${what} answered ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r;
}

async function freshDraft(w: World, deadlineMs = HOUR_MS): Promise<Json> {
  return ok(await cs(w, w.lead).post('/api/v1/challenges', challengeBody(deadlineMs, { tags: ['hostile'] })), 201, 'draft').body;
}

const unique = () => randomBytes(5).toString('hex');

const fullChallengeBody = (deadlineMs: number): Json =>
  challengeBody(deadlineMs, {
    eligibility: { regions: ['35', '3501'], sizes: ['small', 'medium'], certifications: [] },
    maxWinners: 2,
    shortlistSize: 4,
    passingScore: 55,
    scorecard: {
      criteria: [
        { key: 'technical', name: '技术方案', weight: 60, maxScore: 10 },
        { key: 'price', name: '报价', weight: 40, maxScore: 5 },
      ],
    },
    review: { reviewersPerBid: 2, blind: true },
  });

const profileBody = (): Json => ({
  description: '专注伺服驱动与运动控制',
  capabilities: ['伺服', 'motion-control'],
  industries: ['C38'],
  certifications: ['specialized-sme'],
  employeeCount: 120,
  patents: [{ title: '一种伺服电机控制方法', number: 'CN123456789A', year: 2021 }],
  pastProjects: [{ title: '机床伺服改造', description: 'Servo retrofit', year: 2022, client: '某机床厂' }],
});

// In the order the properties run: the imports (each re-ranks every open challenge) before the properties that
// publish challenges; reviews before declines; the writes on `open` last.
const TARGETS: Record<string, Target> = {
  'POST /api/v1/auth/register': {
    service: 'challenge',
    user: () => null,
    body: () => ({
      email: `hostile-${unique()}@example.com`,
      password: 'hostile-password-1',
      name: '李工',
      role: 'sme',
      organization: { name: `敌意输入科技${unique()}`, creditCode: uniqueCreditCode('350102'), region: '350102', size: 'small' },
    }),
    runs: 2,
  },
  'POST /api/v1/auth/login': {
    service: 'challenge',
    user: () => null,
    body: (w) => ({ email: w.sme.email, password: w.sme.password }),
  },
  'PUT /api/v1/enterprise-profile': {
    service: 'bidding',
    user: (w) => w.sme,
    body: () => profileBody(),
    runs: 2,
  },
  'POST /api/v1/admin/enterprises/import': {
    service: 'bidding',
    ndjson: true,
    user: (w) => w.admin,
    body: () =>
      [0, 1].map((i) => ({
        externalId: `hostile:${unique()}`,
        name: `导入企业${i}`,
        creditCode: uniqueCreditCode('350102'),
        region: '350102',
        size: 'small',
        ...profileBody(),
      })),
  },
  'POST /api/v1/challenges': {
    service: 'challenge',
    user: (w) => w.lead,
    body: () => fullChallengeBody(HOUR_MS),
    runs: 3,
  },
  'PATCH /api/v1/challenges/{id}': {
    service: 'challenge',
    user: (w) => w.lead,
    params: (w) => [w.draft.id],
    body: async (w, [id]) => {
      const d = ok(await cs(w, w.lead).get(`/api/v1/challenges/${id}`), 200, 'read draft').body;
      return {
        version: d.version,
        title: d.title,
        description: d.description,
        industry: d.industry,
        tags: d.tags,
        kpis: d.kpis.map((k: Json) => ({ id: k.id, name: k.name, target: k.target, unit: k.unit, mandatory: k.mandatory })),
        rewardYuan: d.rewardYuan,
        eligibility: d.eligibility,
        bidDeadline: new Date(Date.now() + HOUR_MS).toISOString(),
        maxWinners: d.maxWinners,
        shortlistSize: d.shortlistSize,
        passingScore: d.passingScore,
        scorecard: { criteria: d.scorecard.criteria },
        review: { reviewersPerBid: d.review.reviewersPerBid, blind: d.review.blind },
      };
    },
    runs: 3,
  },
  'POST /api/v1/challenges/{id}/publish': {
    service: 'challenge',
    user: (w) => w.lead,
    params: async (w) => [(await freshDraft(w)).id],
  },
  'POST /api/v1/challenges/{id}/addenda': {
    service: 'challenge',
    user: (w) => w.lead,
    params: (w) => [w.open.id],
    body: async (w, [id]) => {
      const c = ok(await cs(w).get(`/api/v1/challenges/${id}`), 200, 'read open').body;
      return { text: '补充说明：接口采用EtherCAT', bidDeadline: new Date(new Date(c.bidDeadline).getTime() + 60_000).toISOString() };
    },
  },
  'POST /api/v1/challenges/{id}/cancel': {
    service: 'challenge',
    user: (w) => w.lead,
    params: async (w) => {
      const draft = await freshDraft(w);
      return [ok(await cs(w, w.lead).post(`/api/v1/challenges/${draft.id}/publish`), 200, 'publish').body.id];
    },
    body: () => ({ reason: '需求变更' }),
  },
  'POST /api/v1/challenges/{id}/questions': {
    service: 'challenge',
    user: (w) => w.sme,
    params: (w) => [w.open.id],
    body: () => ({ text: '是否接受国产编码器？' }),
  },
  'POST /api/v1/challenges/{id}/questions/{qid}/answer': {
    service: 'challenge',
    user: (w) => w.lead,
    params: (w) => [w.open.id, w.question.id],
    body: () => ({ text: '接受。' }),
  },
  'PUT /api/v1/reviews/assignments/{id}/review': {
    service: 'challenge',
    user: (w) => w.reviewer,
    params: (w) => [w.reviewing.assignment.id],
    body: (w) => ({ scores: scoresAt(w.reviewing.challenge, 0.5), comment: '方案可行', privateNote: '备注', submit: false }),
    runs: 2,
  },
  'POST /api/v1/reviews/assignments/{id}/decline': {
    service: 'challenge',
    user: (w) => w.reviewer,
    params: (w) => [w.reviewing.assignment.id],
    body: () => ({ reason: 'unavailable', detail: '出差' }),
  },
  'POST /api/v1/reviewers/{id}/approve': {
    service: 'challenge',
    user: (w) => w.admin,
    params: (w) => [w.pendingReviewer.id],
  },
  'POST /api/v1/reviewers/{id}/suspend': {
    service: 'challenge',
    user: (w) => w.admin,
    params: (w) => [w.spareReviewer.id],
  },
  'POST /api/v1/challenges/{id}/award': {
    service: 'challenge',
    user: (w) => w.lead,
    params: (w) => [w.shortlisted.challenge.id],
    body: (w) => ({ bidIds: [w.shortlisted.bid.id] }),
  },
  'POST /api/v1/challenges/{id}/objections': {
    service: 'challenge',
    user: (w) => w.otherSme,
    params: (w) => [w.publicity.challenge.id],
    body: (w) => ({ reason: '评审程序有疑问', evidence: '评审时间过短', bidId: w.publicity.bid.id }),
  },
  'POST /api/v1/objections/{id}/resolve': {
    service: 'challenge',
    user: (w) => w.admin,
    params: async (w) => {
      // a fresh open objection; once an upheld one ended publicity, the last one filed (now resolved)
      const filed = await cs(w, w.otherSme).post(`/api/v1/challenges/${w.publicity.challenge.id}/objections`, { reason: '异议', evidence: '证据' });
      if (filed.status === 201) w.objection = filed.body;
      else ok(filed, 409, 'objection');
      return [w.objection.id];
    },
    body: () => ({ decision: 'dismissed', note: '不成立' }),
  },
  'POST /api/v1/notifications/{id}/read': {
    service: 'challenge',
    user: (w) => w.reviewer,
    params: (w) => [w.notification.id],
  },
  'POST /api/v1/bids': {
    service: 'bidding',
    // a different SME each run, so a valid bid can succeed (each SME once)
    user: (w) => w.smePool[(w.smePool.length + (runCounter++ % w.smePool.length)) % w.smePool.length],
    body: (w) => bidBody(w.open, { summary: '敌意输入测试方案', team: [{ name: '陈博士', role: '技术负责人' }, { name: '李工', role: '工程师' }] }),
    runs: 3,
  },
  'PATCH /api/v1/bids/{id}': {
    service: 'bidding',
    user: (w) => w.sme,
    params: (w) => [w.openBid.id],
    body: async (w, [id]) => {
      const b = ok(await bs(w, w.sme).get(`/api/v1/bids/${id}`), 200, 'read bid').body;
      return {
        version: b.version,
        summary: b.summary,
        technicalApproach: b.technicalApproach,
        priceYuan: b.priceYuan,
        durationDays: b.durationDays,
        kpiResponses: b.kpiResponses,
        milestones: b.milestones,
        team: b.team,
      };
    },
    runs: 3,
  },
  'POST /api/v1/bids/{id}/withdraw': {
    service: 'bidding',
    user: (w) => w.smeWithdrawing,
    params: async (w) => {
      const own = ok(await bs(w, w.smeWithdrawing).get('/api/v1/bids?limit=100'), 200, 'own bids').body.items;
      const live = own.find((b: Json) => b.challengeId === w.open.id && b.status === 'submitted');
      if (live) return [live.id];
      return [ok(await bs(w, w.smeWithdrawing).post('/api/v1/bids', bidBody(w.open)), 201, 'bid again').body.id];
    },
  },
};
let runCounter = 0;

// ───────────────────────────── the properties of one response ─────────────────────────────

function describeExchange(method: string, url: string, body: string | undefined, r: ApiResponse<Json>): string {
  const sent = body === undefined ? '(no body)' : body.length > 400 ? `${body.slice(0, 400)}… (${body.length} chars)` : body;
  const got = typeof r.body === 'string' ? r.body.slice(0, 400) : JSON.stringify(r.body)?.slice(0, 400);
  return `${method} ${url.length > 300 ? `${url.slice(0, 300)}…` : url}\n  sent: ${sent}\n  got: ${r.status} ${r.headers.get('content-type')} ${got}`;
}

/** Never a 5xx; every error a complete problem+json with a contract code; no anonymous success on a protected route. */
function checkResponse(r: ApiResponse<Json>, exchange: () => string, anonymousOnProtected: boolean): void {
  const fail = (what: string) => {
    throw new Error(`${what}\n${exchange()}`);
  };
  if (r.status >= 500) fail('server error');
  if (r.status < 200 || (r.status >= 300 && r.status < 400)) fail('unexpected status');
  if (r.status >= 400) {
    if (!/^application\/problem\+json/.test(r.headers.get('content-type') ?? '')) fail('an error that is not problem+json');
    const p = r.body;
    if (typeof p !== 'object' || p === null) fail('a problem without a JSON body');
    if (!(ERROR_CODES as readonly string[]).includes(p.code)) fail(`an error without a contract code (${p.code})`);
    if (p.status !== r.status || typeof p.title !== 'string' || typeof p.type !== 'string' || typeof p.traceId !== 'string' || p.traceId === '') {
      fail('an incomplete problem document');
    }
    if (/\bat .+\.(ts|js):\d+/.test(JSON.stringify(p))) fail('a stack trace in a problem');
  } else if (anonymousOnProtected) {
    fail('an anonymous request succeeded on a protected endpoint');
  }
}

// ───────────────────────────── the test ─────────────────────────────

describe('hostile input, property-based (large)', () => {
  let stack: Stack;
  const statusTally = new Map<string, number>();
  const w = {} as World;
  const documented = new Map<string, Service>();

  beforeAll(async () => {
    stack = await startStack({ env: { PUBLICITY_PERIOD_SECONDS: '3600', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    w.stack = stack;
    const [lead, sme, otherSme, smeWithdrawing, reviewer, spareReviewer, pendingReviewer, admin, ...smePool] = await Promise.all([
      registerLead(stack),
      registerSme(stack),
      registerSme(stack),
      registerSme(stack),
      registerReviewer(stack, ['伺服控制', '运动控制']),
      registerReviewer(stack, ['伺服电机']),
      registerReviewer(stack, ['电机驱动']),
      createAdmin(stack),
      ...Array.from({ length: 6 }, () => registerSme(stack)),
    ]);
    Object.assign(w, { lead, sme, otherSme, smeWithdrawing, reviewer, spareReviewer, pendingReviewer, admin, smePool });
    ok(await cs(w, admin).post(`/api/v1/reviewers/${reviewer.id}/approve`), 200, 'approve');

    // Three one-bid challenges driven to reviewing (only `reviewer` approved while the worker assigns).
    const stages = await Promise.all(
      [0, 1, 2].map(async () => {
        const created = ok(await cs(w, lead).post('/api/v1/challenges', challengeBody(CLOSE_MS, { review: { reviewersPerBid: 1, blind: true } })), 201, 'create');
        const challenge = ok(await cs(w, lead).post(`/api/v1/challenges/${created.body.id}/publish`), 200, 'publish').body;
        const bid = ok(await bs(w, sme).post('/api/v1/bids', bidBody(challenge)), 201, 'bid').body;
        return { challenge, bid };
      }),
    );
    const open = ok(await cs(w, lead).post('/api/v1/challenges', fullChallengeBody(HOUR_MS)), 201, 'create open').body;
    w.open = ok(await cs(w, lead).post(`/api/v1/challenges/${open.id}/publish`), 200, 'publish open').body;
    w.openBid = ok(await bs(w, sme).post('/api/v1/bids', bidBody(w.open)), 201, 'open bid').body;
    w.question = ok(await cs(w, sme).post(`/api/v1/challenges/${w.open.id}/questions`, { text: '交付地点？' }), 201, 'question').body;
    w.draft = await freshDraft(w);

    await Promise.all(stages.map((s) => waitForStatus(stack, s.challenge.id, 'reviewing', CLOSE_MS + 25_000)));
    const [reviewing, shortlisted, publicity] = stages;
    const [assignment] = await assignmentsOf(stack, reviewer, reviewing.challenge.id);
    if (!assignment) throw new Error('set-up: no assignment');
    w.reviewing = { ...reviewing, assignment };
    await Promise.all(
      [shortlisted, publicity].map(async (s) => {
        await submitAllReviews(stack, [reviewer], s.challenge.id, () => scoresAt(s.challenge, 0.8));
        await waitForStatus(stack, s.challenge.id, 'shortlisted');
      }),
    );
    ok(await cs(w, lead).post(`/api/v1/challenges/${publicity.challenge.id}/award`, { bidIds: [publicity.bid.id] }), 200, 'award');
    w.shortlisted = shortlisted;
    w.publicity = publicity;
    w.objection = ok(await cs(w, otherSme).post(`/api/v1/challenges/${publicity.challenge.id}/objections`, { reason: '异议', evidence: '证据' }), 201, 'objection').body;
    // approved after the assignments: a reviewer without work (the suspend target)
    ok(await cs(w, admin).post(`/api/v1/reviewers/${spareReviewer.id}/approve`), 200, 'approve spare');
    const notes = ok(await cs(w, reviewer).get('/api/v1/notifications'), 200, 'notifications').body.items;
    w.notification = notes[0];
    if (!w.notification) throw new Error('set-up: the reviewer has no notification');
    w.ids = [
      ...[lead, sme, otherSme, reviewer, admin].flatMap((u) => [u.id, u.organizationId as string]).filter(Boolean),
      ...stages.flatMap((s) => [s.challenge.id, s.bid.id, ...s.challenge.kpis.map((k: Json) => k.id)]),
      w.openBid.id,
      w.question.id,
      w.draft.id,
      assignment.id,
      w.notification.id,
    ];

    for (const service of ['challenge', 'bidding'] as const) {
      const docs = ok(await request('GET', `${service === 'challenge' ? stack.challengeUrl : stack.biddingUrl}/docs-json`), 200, 'docs');
      for (const [path, operations] of Object.entries<Json>(docs.body.paths)) {
        for (const method of Object.keys(operations)) {
          if (WRITE_METHODS.includes(method)) documented.set(`${method.toUpperCase()} ${path}`, service);
        }
      }
    }
  }, 90_000);
  afterAll(async () => {
    // HOSTILE_STATS=1 prints what the generated requests got, to see that they reach past validation
    if (process.env.HOSTILE_STATS) console.log([...statusTally].sort().map(([k, n]) => `${String(n).padStart(4)}  ${k}`).join('\n'));
    await stack?.close();
  });

  it('every write endpoint either service documents has a generator here, and every generator a documented endpoint', () => {
    const missing = [...documented.keys()].filter((e) => !TARGETS[e]).map((e) => `${e} @${documented.get(e)}`);
    const stale = Object.keys(TARGETS).filter((e) => !documented.has(e));
    const misplaced = Object.entries(TARGETS)
      .filter(([e, t]) => documented.has(e) && documented.get(e) !== t.service)
      .map(([e]) => e);
    expect({ missing, stale, misplaced }).toEqual({ missing: [], stale: [], misplaced: [] });
    expect(documented.size).toBeGreaterThanOrEqual(20);
  });

  /** One generated request as `user` (null: anonymous). */
  async function send(endpoint: string, target: Target, generated: Input, user: TestUser | null, real: string[], valid: Json): Promise<void> {
    const [method, template] = endpoint.split(' ');
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    let path = template;
    names.forEach((name, i) => {
      const choice = generated.params[i];
      const id = real[i];
      let segment: string;
      switch (choice.kind) {
        case 'real':
          segment = {
            plain: id,
            upper: id.toUpperCase(),
            braces: encode(`{${id}}`),
            suffix: `${id}x`,
            urn: encode(`urn:uuid:${id}`),
            spaced: `%20${id}%20`,
          }[choice.variant];
          break;
        case 'other':
          segment = w.ids[choice.index % w.ids.length];
          break;
        case 'uuid':
          segment = choice.value;
          break;
        case 'raw':
          segment = choice.text;
      }
      path = path.replace(`{${name}}`, segment);
    });
    let text: string | undefined;
    const b = generated.body;
    if (target.ndjson && (b.kind === 'valid' || b.kind === 'mutated')) {
      const lines: Json = b.kind === 'valid' ? valid : applyMutations(valid, b.mutations, w.ids);
      text = Array.isArray(lines) ? lines.map((l) => serialize(l) ?? '').join('\n') : serialize(lines);
    } else if (b.kind === 'valid') text = serialize(valid);
    else if (b.kind === 'mutated') text = valid === undefined ? serialize(applyMutations({}, b.mutations, w.ids)) : serialize(applyMutations(valid, b.mutations, w.ids));
    else if (b.kind === 'arbitrary') text = serialize(b.value);
    else if (b.kind === 'raw') text = b.text;
    const headers: Record<string, string> = {};
    const type = target.ndjson && generated.contentType === 'application/json' && b.kind !== 'arbitrary' ? 'application/x-ndjson' : generated.contentType;
    if (text !== undefined && type !== '') headers['content-type'] = type;
    // fetch refuses header values beyond Latin-1: those are sent as their UTF-8 bytes read as Latin-1
    if (generated.idempotencyKey !== null) headers['idempotency-key'] = Buffer.from(generated.idempotencyKey, 'utf8').toString('latin1');
    const base = target.service === 'challenge' ? stack.challengeUrl : stack.biddingUrl;
    const url = `${base}${path}${generated.query}`;
    let response: ApiResponse<Json>;
    try {
      response = await request(method, url, undefined, { token: user?.token, headers, raw: text });
    } catch (error) {
      throw new Error(`the request failed (${String(error)})\n${method} ${url.slice(0, 300)}`, { cause: error });
    }
    checkResponse(response, () => describeExchange(method, url, text, response), user === null && target.user(w) !== null);
    const tally = `${endpoint} ${user ? 'as user' : 'anonymous'} → ${response.status} ${response.body?.code ?? ''}`.trim();
    statusTally.set(tally, (statusTally.get(tally) ?? 0) + 1);
  }

  for (const [endpoint, target] of Object.entries(TARGETS)) {
    it(`${endpoint}: never 5xx, always problem+json (authorized and anonymous)`, async () => {
      const seed = BASE_SEED + [...endpoint].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0);
      await fc.assert(
        fc.asyncProperty(input, async (generated) => {
          const real = target.params ? await target.params(w) : [];
          const valid = target.body ? await target.body(w, real) : undefined;
          const user = target.user(w);
          await send(endpoint, target, generated, user, real, valid);
          if (user !== null) await send(endpoint, target, generated, null, real, valid);
        }),
        { seed, numRuns: RUNS * (target.runs ?? 1), endOnFailure: true },
      );
    });
  }

  it('no stored row breaks a rule of the DTOs or the domain', async () => {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
        const violations = await storedRowViolations(db);
      expect(violations).toEqual([]);
    } finally {
      await db.end();
    }
  });
});

// ───────────────────────────── what a valid stored row is ─────────────────────────────

const str = (v: unknown, min: number, max: number): boolean => typeof v === 'string' && [...v].length >= min && [...v].length <= max;
const int = (v: unknown, min: number, max: number): boolean => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || v === null || check(v);
const list = (v: unknown, max: number, each: (x: Json) => boolean, min = 0): boolean => Array.isArray(v) && v.length >= min && v.length <= max && v.every(each);
const onlyKeys = (v: unknown, allowed: string[]): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => allowed.includes(k));

function challengeProblems(c: Json): string[] {
  const p: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) p.push(what);
  };
  check(list(c.kpis, 30, (k) => onlyKeys(k, ['id', 'name', 'target', 'unit', 'mandatory']) && UUID_RE.test(k.id) && str(k.name, 1, 200) && str(k.target, 1, 200) && optional(k.unit, (u) => str(u, 0, 50)) && typeof k.mandatory === 'boolean'), 'kpis');
  check(new Set(c.kpis?.map?.((k: Json) => k.id)).size === c.kpis?.length, 'kpi ids unique');
  const criteria = c.scorecard?.criteria;
  check(
    onlyKeys(c.scorecard, ['criteria']) &&
      list(criteria, 10, (k) => onlyKeys(k, ['key', 'name', 'weight', 'maxScore']) && /^[a-z][a-z0-9-]{0,39}$/.test(k.key) && str(k.name, 1, 100) && int(k.weight, 1, 100) && int(k.maxScore, 1, 100), 1),
    'scorecard criteria',
  );
  check(Array.isArray(criteria) && criteria.reduce((s: number, k: Json) => s + k.weight, 0) === 100, 'scorecard weights sum to 100');
  check(Array.isArray(criteria) && new Set(criteria.map((k: Json) => k.key)).size === criteria.length, 'criterion keys unique');
  const e = c.eligibility;
  check(
    onlyKeys(e, ['regions', 'sizes', 'certifications']) &&
      optional(e.regions, (r) => list(r, 50, (x) => typeof x === 'string' && isValidRegionPrefix(x))) &&
      optional(e.sizes, (s) => list(s, 4, (x) => (ENTERPRISE_SIZES as readonly string[]).includes(x))) &&
      optional(e.certifications, (s) => list(s, 20, (x) => str(x, 1, 100))),
    'eligibility',
  );
  check(c.industry === null || isValidIndustryCode(c.industry), 'industry');
  return p.map((what) => `challenge ${c.id}: ${what}`);
}

function bidContentProblems(id: string, b: Json, kpis: Json[]): string[] {
  const p: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) p.push(`bid ${id}: ${what}`);
  };
  check(str(b.summary, 1, 2000), 'summary');
  check(str(b.technicalApproach, 1, 50_000), 'technicalApproach');
  check(int(b.priceYuan, 0, 1e12), 'priceYuan');
  check(int(b.durationDays, 1, 3650), 'durationDays');
  check(list(b.milestones, 20, (m) => onlyKeys(m, ['title', 'dueDay', 'paymentPercent']) && str(m.title, 1, 200) && int(m.dueDay, 1, b.durationDays) && int(m.paymentPercent, 0, 100), 1), 'milestones');
  check(Array.isArray(b.milestones) && b.milestones.reduce((s: number, m: Json) => s + m.paymentPercent, 0) === 100, 'milestone payments sum to 100');
  const known = new Set(kpis.map((k) => k.id));
  check(list(b.kpiResponses, 50, (r) => onlyKeys(r, ['kpiId', 'commitment']) && known.has(r.kpiId) && str(r.commitment, 1, 2000)), 'kpiResponses');
  const answered = new Set((b.kpiResponses ?? []).map((r: Json) => r.kpiId));
  check(answered.size === b.kpiResponses?.length, 'a KPI answered twice');
  check(kpis.filter((k) => k.mandatory).every((k) => answered.has(k.id)), 'a mandatory KPI unanswered');
  check(list(b.team, 50, (t) => onlyKeys(t, ['name', 'role']) && str(t.name, 1, 100) && str(t.role, 1, 100)), 'team');
  return p;
}

function profileProblems(r: Json): string[] {
  const p: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) p.push(`profile ${r.organization_id}: ${what}`);
  };
  // the looser of the two writers: PUT /enterprise-profile and the import (DATA.md)
  check(str(r.description, 0, 20_000), 'description');
  check(list(r.capabilities, 200, (x) => str(x, 1, 200)), 'capabilities');
  check(list(r.industries, 50, (x) => typeof x === 'string' && isValidIndustryCode(x)), 'industries');
  check(list(r.certifications, 50, (x) => str(x, 1, 100)), 'certifications');
  check(r.employee_count === null || int(r.employee_count, 0, 10_000_000), 'employeeCount');
  check(list(r.patents, 1000, (x) => str(x.title, 1, 500) && optional(x.number, (n) => str(n, 0, 50)) && optional(x.year, (y) => int(y, 1900, 2100))), 'patents');
  check(list(r.past_projects, 500, (x) => str(x.title, 1, 500) && str(x.description, 0, 50_000) && int(x.year, 1900, 2100) && optional(x.client, (c) => str(c, 0, 300))), 'pastProjects');
  return p;
}

/** Every violation of the stored data's rules, as readable lines (empty when all is well). */
async function storedRowViolations(db: Client): Promise<string[]> {
  const violations: string[] = [];
  const sql = async (what: string, query: string, params: unknown[] = []) => {
    try {
      const rows = (await db.query(query, params)).rows;
      for (const row of rows.slice(0, 20)) violations.push(`${what}: ${JSON.stringify(row).slice(0, 300)}`);
    } catch (error) {
      violations.push(`${what}: the check failed (${String(error)})`);
    }
  };

  // ── challenges ──
  await sql(
    'challenge scalars out of range',
    `SELECT id, status, title, reward_yuan, max_winners, shortlist_size, passing_score, reviewers_per_bid FROM challenges WHERE NOT (
       char_length(title) BETWEEN 1 AND 200 AND char_length(description) BETWEEN 1 AND 20000
       AND reward_yuan BETWEEN 0 AND 1000000000000 AND max_winners BETWEEN 1 AND 5
       AND shortlist_size BETWEEN max_winners AND 20 AND passing_score BETWEEN 0 AND 100
       AND reviewers_per_bid BETWEEN 1 AND 7 AND version >= 1 AND status = ANY($1)
       AND cardinality(tags) <= 20 AND NOT EXISTS (SELECT 1 FROM unnest(tags) t WHERE char_length(t) NOT BETWEEN 1 AND 50)
       AND (cancel_reason IS NULL OR char_length(cancel_reason) BETWEEN 1 AND 2000)
       AND (status IN ('draft', 'cancelled') OR published_at IS NOT NULL) AND (status <> 'draft' OR published_at IS NULL))`,
    [CHALLENGE_STATUSES],
  );
  await sql(
    'scorecard weights not summing to 100',
    `SELECT id, scorecard FROM challenges WHERE jsonb_typeof(scorecard->'criteria') <> 'array'
       OR (SELECT coalesce(sum((c->>'weight')::numeric), 0) FROM jsonb_array_elements(CASE WHEN jsonb_typeof(scorecard->'criteria') = 'array' THEN scorecard->'criteria' ELSE '[]' END) c) <> 100`,
  );
  for (const c of (await db.query('SELECT id, kpis, scorecard, eligibility, industry FROM challenges')).rows) violations.push(...challengeProblems(c));
  await sql('addenda', `SELECT id FROM challenge_addenda WHERE char_length(text) NOT BETWEEN 1 AND 5000`);
  await sql('questions', `SELECT id FROM questions WHERE char_length(text) NOT BETWEEN 1 AND 2000 OR (answer IS NOT NULL AND char_length(answer) NOT BETWEEN 1 AND 5000)`);

  // ── bids: content, revisions, outbox rows, and only while bidding was open ──
  await sql(
    'bid scalars out of range',
    `SELECT id, status, price_yuan, duration_days, version, revision FROM bids WHERE NOT (
       status = ANY($1) AND price_yuan BETWEEN 0 AND 1000000000000 AND duration_days BETWEEN 1 AND 3650
       AND char_length(summary) BETWEEN 1 AND 2000 AND char_length(technical_approach) BETWEEN 1 AND 50000
       AND version >= 1 AND revision >= 1)`,
    [BID_STATUSES],
  );
  await sql(
    'a bid revision row missing, or the last one not the bid',
    `SELECT b.id, b.revision, count(r.*) AS revisions, max(r.revision) AS last FROM bids b LEFT JOIN bid_revisions r ON r.bid_id = b.id
      GROUP BY b.id HAVING count(r.*) <> b.revision OR max(r.revision) <> b.revision
         OR NOT bool_or(r.revision = b.revision AND r.content_hash = b.content_hash
                        AND r.content->>'summary' = b.summary AND (r.content->>'priceYuan')::bigint = b.price_yuan
                        AND r.content->'milestones' = b.milestones AND r.content->'kpiResponses' = b.kpi_responses)`,
  );
  await sql(
    'a bid revision without its assess-bid outbox row',
    `SELECT r.bid_id, r.revision FROM bid_revisions r WHERE (SELECT count(*) FROM outbox_messages o
       WHERE o.job_name = 'assess-bid' AND o.payload = jsonb_build_object('bidId', r.bid_id, 'revision', r.revision)) <> 1`,
  );
  await sql('a revision without a bid', `SELECT bid_id, revision FROM bid_revisions r WHERE NOT EXISTS (SELECT 1 FROM bids b WHERE b.id = r.bid_id)`);
  await sql(
    'a bid written outside bidding',
    `SELECT b.id, c.status, c.bid_deadline, r.created_at FROM bid_revisions r JOIN bids b ON b.id = r.bid_id JOIN challenges c ON c.id = b.challenge_id
      WHERE c.published_at IS NULL OR r.created_at < c.published_at OR r.created_at >= c.bid_deadline`,
  );
  await sql(
    'two live bids of one organization on one challenge',
    `SELECT challenge_id, organization_id, count(*) FROM bids WHERE status <> 'withdrawn' GROUP BY 1, 2 HAVING count(*) > 1`,
  );
  const kpisOf = new Map<string, Json[]>((await db.query('SELECT id, kpis FROM challenges')).rows.map((r) => [r.id, r.kpis]));
  for (const b of (await db.query('SELECT id, challenge_id, summary, technical_approach, price_yuan, duration_days, kpi_responses, milestones, team FROM bids')).rows) {
    violations.push(
      ...bidContentProblems(
        b.id,
        { summary: b.summary, technicalApproach: b.technical_approach, priceYuan: Number(b.price_yuan), durationDays: b.duration_days, kpiResponses: b.kpi_responses, milestones: b.milestones, team: b.team },
        kpisOf.get(b.challenge_id) ?? [],
      ),
    );
  }
  for (const r of (await db.query('SELECT r.bid_id, r.revision, r.content, b.challenge_id FROM bid_revisions r JOIN bids b ON b.id = r.bid_id')).rows) {
    violations.push(...bidContentProblems(`${r.bid_id}#${r.revision}`, r.content, kpisOf.get(r.challenge_id) ?? []));
  }

  // ── identity and profiles ──
  await sql(
    'users',
    `SELECT id, email, role FROM users WHERE NOT (char_length(email) BETWEEN 3 AND 254 AND position('@' in email) > 1
       AND char_length(name) BETWEEN 1 AND 100 AND role IN ('lead', 'sme', 'reviewer', 'admin'))`,
  );
  await sql('a signed-up lead or SME without an organization', `SELECT id FROM users WHERE role IN ('lead', 'sme') AND organization_id IS NULL`);
  for (const o of (await db.query('SELECT id, name, credit_code, region, size, kind FROM organizations')).rows) {
    const ok =
      str(o.name, 1, 300) &&
      (o.credit_code === null || creditCodeProblem(o.credit_code) === null) &&
      (o.region === null || isValidRegionCode(o.region)) &&
      (o.size === null || (ENTERPRISE_SIZES as readonly string[]).includes(o.size));
    if (!ok) violations.push(`organization: ${JSON.stringify(o)}`);
  }
  await sql(
    'reviewer profiles',
    `SELECT user_id FROM reviewer_profiles WHERE status NOT IN ('pending', 'approved', 'suspended')
       OR cardinality(expertise) NOT BETWEEN 1 AND 30 OR cardinality(affiliations) > 20
       OR EXISTS (SELECT 1 FROM unnest(expertise) x WHERE char_length(x) NOT BETWEEN 1 AND 100)`,
  );
  for (const r of (await db.query('SELECT * FROM enterprise_profiles')).rows) violations.push(...profileProblems(r));

  // ── reviews, assignments, objections ──
  await sql(
    'review scores outside the scorecard',
    `SELECT r.assignment_id, r.scores FROM reviews r JOIN challenges c ON c.id = r.challenge_id
      WHERE jsonb_typeof(r.scores) <> 'object'
         OR EXISTS (SELECT 1 FROM jsonb_each(r.scores) s WHERE jsonb_typeof(s.value) <> 'number'
              OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(c.scorecard->'criteria') k
                             WHERE k->>'key' = s.key AND (s.value)::numeric BETWEEN 0 AND (k->>'maxScore')::numeric))
         OR (r.status = 'submitted' AND (r.total IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(c.scorecard->'criteria') k WHERE NOT r.scores ? (k->>'key'))))
         OR char_length(r.comment) > 10000 OR char_length(coalesce(r.private_note, '')) > 10000`,
  );
  await sql('review totals', `SELECT assignment_id, total FROM reviews WHERE total IS NOT NULL AND (total = 'NaN' OR total NOT BETWEEN 0 AND 100)`);
  await sql(
    'assignments',
    `SELECT id FROM review_assignments WHERE status NOT IN ('assigned', 'submitted', 'declined')
       OR (decline_reason IS NOT NULL AND decline_reason NOT IN ('conflict', 'unavailable', 'suspended'))
       OR char_length(coalesce(decline_detail, '')) > 2000`,
  );
  await sql(
    'objections',
    `SELECT id FROM objections WHERE char_length(reason) NOT BETWEEN 1 AND 2000 OR char_length(evidence) NOT BETWEEN 1 AND 20000
       OR char_length(coalesce(resolution_note, 'x')) NOT BETWEEN 1 AND 5000 OR status NOT IN ('open', 'upheld', 'dismissed')`,
  );
  for (const [table, column] of [
    ['bid_rankings', 'score'],
    ['bid_rankings', 'interval_low'],
    ['bid_rankings', 'interval_high'],
    ['challenge_matches', 'score'],
    ['recommendations', 'score'],
    ['bid_assessments', 'total'],
  ]) {
    await sql(`${table}.${column} not finite`, `SELECT ${column} FROM ${table} WHERE ${column} IN ('NaN', 'Infinity', '-Infinity')`);
  }

  // ── jobs: ids only ──
  await sql(
    'outbox payloads carry more than ids',
    `SELECT id, job_name, payload FROM outbox_messages WHERE jsonb_typeof(payload) <> 'object'
       OR EXISTS (SELECT 1 FROM jsonb_each(payload) p WHERE NOT (
            (p.key IN ('challengeId', 'bidId', 'organizationId') AND p.value #>> '{}' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
            OR (p.key = 'revision' AND jsonb_typeof(p.value) = 'number')))`,
  );

  // ── no stored NUL, no text mangled from a lone surrogate (U+FFFD), in any column ──
  const columns = (
    await db.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'ARRAY', 'character varying')`,
    )
  ).rows;
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    // text cannot hold NUL at all; jsonb would show it as the escape \u0000
    const nul = type === 'jsonb' ? ` OR strpos("${column}"::text, '\\u0000') > 0` : '';
    await sql(
      `${table}.${column} holds U+FFFD or NUL`,
      `SELECT left("${column}"::text, 120) AS value FROM "${table}" WHERE strpos("${column}"::text, U&'\\FFFD') > 0${nul}`,
    );
  }
  return violations;
}
