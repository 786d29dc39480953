/**
 * Splits overlapping ranges into the pieces a renderer can draw: consecutive, non-overlapping
 * segments, each listing every range that covers it. Overlapping inline decorations would merge
 * their attributes; segments keep every covering id. Works in whatever unit the input uses.
 */
export interface RangeItem {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Covering items, outermost (earliest start, then longest) first. */
  items: RangeItem[];
}

function outerFirst(a: RangeItem, b: RangeItem): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function segmentRanges(items: readonly RangeItem[]): Segment[] {
  const points = new Set<number>();
  for (const it of items) {
    if (it.end > it.start) {
      points.add(it.start);
      points.add(it.end);
    }
  }
  const bounds = [...points].sort((x, y) => x - y);
  const sorted = items.filter((it) => it.end > it.start).sort(outerFirst);
  const segments: Segment[] = [];
  let active: RangeItem[] = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const s = bounds[i]!;
    const e = bounds[i + 1]!;
    active = active.filter((it) => it.end > s);
    while (next < sorted.length && sorted[next]!.start <= s) {
      active.push(sorted[next]!);
      next++;
    }
    if (active.length > 0) segments.push({ start: s, end: e, items: [...active].sort(outerFirst) });
  }
  return segments;
}
