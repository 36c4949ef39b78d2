import { createHash } from 'node:crypto';

/** A UUID (version 5 layout) derived from a name, so every seed agrees on ids without talking. */
export function demoId(kind: string, key: string | number): string {
  const hex = createHash('sha1').update(`shopgraph:${kind}:${key}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** mulberry32: a tiny seeded PRNG, so the demo shop is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A fixed clock for seeded timestamps: days before 2026-01-01. */
export function daysBefore(days: number, hour = 12): Date {
  return new Date(Date.UTC(2026, 0, 1, hour) - days * 86_400_000);
}
