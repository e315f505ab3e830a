import { createHash } from 'node:crypto';

/** Aliased once: under Jest's vm context every global lookup (Math) goes through a slow interceptor. */
const { imul } = Math;

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/** The 128-bit key of a seed: the first 16 bytes of SHA-256(UTF-8 seed) as four little-endian uint32 words. */
export function seedKey(seed: string): Uint32Array {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  return Uint32Array.of(digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12));
}

/**
 * cyrb128 (bryc's 128-bit string hash over UTF-16 code units): cheap, so that thousands of bids need one
 * SHA-256 (of the challenge seed), not one each.
 */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ imul(h1 ^ k, 597399067);
    h2 = h3 ^ imul(h2 ^ k, 2869860233);
    h3 = h4 ^ imul(h3 ^ k, 951274213);
    h4 = h1 ^ imul(h4 ^ k, 2716044179);
  }
  h1 = imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * The generator state of one stream (e.g. one bid) under a key: key XOR cyrb128(stream), word by word, then
 * advanced 12 sfc32 steps to mix. Written into `state` (4 words) and returned.
 */
export function streamState(key: Uint32Array, stream: string, state: Uint32Array = new Uint32Array(4)): Uint32Array {
  const hash = cyrb128(stream);
  for (let i = 0; i < 4; i++) state[i] = key[i] ^ hash[i];
  for (let i = 0; i < 12; i++) sfc32(state);
  return state;
}

/**
 * One step of sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit): advances `state`
 * (a, b, c, d) in place and returns the next uint32:
 *   t = a + b + d; d ← d + 1; a ← b ⊕ (b ≫ 9); b ← c + (c ≪ 3); c ← rotl(c, 21) + t   (all mod 2³²)
 */
export function sfc32(state: Uint32Array): number {
  const a = state[0];
  const b = state[1];
  const c = state[2];
  const d = state[3];
  const t = (((a + b) | 0) + d) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  state[3] = (d + 1) | 0;
  return t >>> 0;
}

/** Uniform numbers in [0, 1): sfc32 outputs / 2³², for the stream `stream` of the key of `seed`. */
export function seededRandom(seed: string, stream = ''): RandomSource {
  const state = streamState(seedKey(seed), stream);
  return () => sfc32(state) / 4294967296;
}
