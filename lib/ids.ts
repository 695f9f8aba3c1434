import { randomBytes } from "node:crypto";

// Crockford base32: ids sort lexicographically in creation order (ULID layout).
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
let lastTime = 0;
let lastRandom: number[] = [];

function encodeTime(ms: number) {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function nextRandom(): number[] {
  const now = Date.now();
  if (now === lastTime) {
    // Same millisecond: increment so ids from this process stay strictly ordered.
    const r = [...lastRandom];
    for (let i = r.length - 1; i >= 0; i--) {
      if (r[i] < 31) {
        r[i]++;
        break;
      }
      r[i] = 0;
    }
    lastRandom = r;
    return r;
  }
  lastTime = now;
  const bytes = randomBytes(16);
  lastRandom = Array.from(bytes, (b) => b % 32);
  lastRandom[0] = lastRandom[0] % 16; // headroom so increments never wrap
  return lastRandom;
}

/** A new opaque, time-ordered id such as `run_01jx3k...`. */
export function newId(prefix: string): string {
  const random = nextRandom();
  return `${prefix}_${encodeTime(lastTime || Date.now())}${random.map((d) => ALPHABET[d]).join("")}`;
}
