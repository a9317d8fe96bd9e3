/**
 * Seeded, splittable random numbers. Every path draws from its own stream derived from
 * (seed, path, purpose) alone — never from a worker id — so any number of workers reproduces the
 * same numbers bit for bit.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words so JavaScript runs it on
 * plain int32 arithmetic. Streams are seeded by splitmix32 hashing, which decorrelates adjacent
 * path indexes. State lives in a Uint32Array so it can be copied or reset without allocation.
 */
export const STREAM_DEMAND = 0x9e3779b9;
export const STREAM_EVENTS = 0x85ebca6b;
export const STREAM_OPENED = 0xc2b2ae35;

/** splitmix32 finaliser: a bijective mix of 32 bits (used to seed, not to draw). */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Fills `state` (4 words) with the stream for (seed, path, purpose). */
export function seedStream(state: Uint32Array, seed: number, path: number, purpose: number): void {
  let h = mix32(seed >>> 0);
  h = mix32(h ^ (path >>> 0));
  h = mix32(h ^ purpose);
  for (let i = 0; i < 4; i++) {
    h = mix32(h + i);
    state[i] = h;
  }
  // xoshiro must not start from all zeros.
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
}

/** Next 32 random bits from xoshiro128**. */
export function nextUint32(s: Uint32Array): number {
  const s0 = s[0];
  const s1 = s[1];
  const s2 = s[2];
  const s3 = s[3];
  const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  s[1] = s1 ^ n2;
  s[0] = s0 ^ n3;
  s[2] = n2 ^ t;
  s[3] = rotl(n3, 11);
  return r >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const TWO_POW_32 = 4294967296;

/** A uniform in (0, 1), never exactly 0 or 1 (safe for logs and inverse CDFs). */
export function nextUniform(s: Uint32Array): number {
  return (nextUint32(s) + 0.5) / TWO_POW_32;
}

const ACKLAM_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const ACKLAM_B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
];
const ACKLAM_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.15e-9),
 * so normal draws need one uniform each and stay reproducible.
 */
export function normalQuantile(p: number): number {
  const a = ACKLAM_A;
  const b = ACKLAM_B;
  const c = ACKLAM_C;
  const d = ACKLAM_D;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
