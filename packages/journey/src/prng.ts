// mulberry32: tiny, fast, good enough for splits and simulations; its whole state is one
// uint32, so it lives in the JSON interpreter state and replays identically in Temporal.

/** Returns [a float in [0, 1), the next state]. */
export function nextRandom(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, s];
}

/** A stateful generator for simulations (not for interpreter state). */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    const [v, n] = nextRandom(s);
    s = n;
    return v;
  };
}
