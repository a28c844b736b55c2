/*
 * Short labels that stay apart. Cloud ids share long prefixes (arn:aws:iam::111122223333:role/…,
 * 0d3e0000-0000-4000-8000-00000000000…) and differ at the end, so cutting a label's tail makes
 * several identical: labels are cut in the middle, and when two cuts still collide they keep
 * more of their ends until they differ. Callers show the full value on hover (title).
 */

const ELLIPSIS = '…';

/** `text` in at most `max` characters, cut in the middle (keeping `tail` characters of its end). */
export function shorten(text: string, max: number, tail?: number): string {
  const chars = [...text];
  if (chars.length <= max || max < 3) return text;
  const end = Math.min(tail ?? Math.floor((max - 1) / 2), max - 2);
  const start = max - 1 - end;
  return chars.slice(0, start).join('') + ELLIPSIS + chars.slice(chars.length - end).join('');
}

/**
 * Labels for `keys`, each at most `max` characters where possible, no two alike unless their
 * keys are: colliding cuts keep more of the end (where ids differ), then give up cutting.
 */
export function distinctLabels(keys: readonly string[], max: number): string[] {
  const tails = keys.map(() => Math.floor((max - 1) / 2));
  const labels = keys.map((k, i) => shorten(k, max, tails[i]));
  for (let round = 0; round < max; round++) {
    const byLabel = new Map<string, number[]>();
    labels.forEach((l, i) => {
      byLabel.set(l, [...(byLabel.get(l) ?? []), i]);
    });
    let clash = false;
    for (const idx of byLabel.values()) {
      if (new Set(idx.map((i) => keys[i])).size < 2) continue;
      clash = true;
      for (const i of idx) {
        tails[i] = (tails[i] ?? 0) + 1;
        const key = keys[i] ?? '';
        labels[i] = (tails[i] ?? 0) >= max - 2 ? key : shorten(key, max, tails[i]);
      }
    }
    if (!clash) break;
  }
  return labels;
}

/** How to name an account: "name (id)" where the estate names it, else its id. */
export function accountLabel(account: string, name?: string | null): string {
  return name && name !== account ? `${name} (${account})` : account;
}

/**
 * Evenly spaced whole-number ticks from 0 to the first one at or above `max` (steps of 1, 2, 2.5
 * or 5 times a power of ten), about `count` of them: the values a chart's y-axis is labelled
 * with, the last one its top.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, Math.ceil(([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power));
  const ticks: number[] = [];
  for (let v = 0; ; v += step) {
    ticks.push(v);
    if (v >= max) return ticks;
  }
}

/** A tick value for an axis: 1,200 -> 1.2k, 2,500,000 -> 2.5M. */
export function tickLabel(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1_000_000) return `${Number((v / 1_000_000).toPrecision(3))}M`;
  if (abs >= 10_000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(6)));
}
