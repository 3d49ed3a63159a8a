/** Binary-search helpers over arrays sorted by `start`; they keep long texts linear-ish. */
import type { Span } from "./types.ts";

/** Index of the first item whose start is ≥ pos. */
export function lowerBound(sorted: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items lying entirely inside [start, end). */
export function within<T extends Span>(sorted: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = lowerBound(sorted, start); i < sorted.length && sorted[i]!.start < end; i++) {
    if (sorted[i]!.end <= end) out.push(sorted[i]!);
  }
  return out;
}

/** The item containing `pos`, if any (items must not overlap). */
export function containing<T extends Span>(sorted: readonly T[], pos: number): T | undefined {
  const i = lowerBound(sorted, pos + 1) - 1;
  const s = sorted[i];
  return s && s.start <= pos && pos < s.end ? s : undefined;
}
