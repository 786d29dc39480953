import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { segmentRanges, type RangeItem, type Segment } from '../../src/domain/segments';

const r = (id: string, start: number, end: number): RangeItem => ({ id, start, end });

/** Segments as compact tuples: [start, end, 'id id ...']. */
const compact = (segments: Segment[]) => segments.map((s) => [s.start, s.end, s.items.map((i) => i.id).join(' ')]);

/** Outermost first: earlier start, then longer, then id. */
const outerFirst = (a: RangeItem, b: RangeItem) =>
  a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Brute force: for each offset, the sorted list of ids covering [o, o+1). */
function coverage(items: readonly RangeItem[], length: number): string[] {
  const out: string[] = [];
  for (let o = 0; o < length; o++) {
    out.push(
      items
        .filter((it) => it.start <= o && o < it.end)
        .sort(outerFirst)
        .map((it) => it.id)
        .join(' '),
    );
  }
  return out;
}

/** The same per-offset coverage, read off the segments. */
function coverageFromSegments(segments: Segment[], length: number): string[] {
  const out: string[] = Array.from({ length }, () => '');
  for (const s of segments) for (let o = s.start; o < s.end; o++) out[o] = s.items.map((i) => i.id).join(' ');
  return out;
}

describe('segmentRanges', () => {
  it('returns nothing for no ranges or only empty ones', () => {
    expect(segmentRanges([])).toEqual([]);
    expect(segmentRanges([r('a', 3, 3), r('b', 5, 2)])).toEqual([]);
  });

  it('keeps disjoint ranges apart and leaves the gap out', () => {
    expect(compact(segmentRanges([r('b', 10, 12), r('a', 0, 4)]))).toEqual([
      [0, 4, 'a'],
      [10, 12, 'b'],
    ]);
  });

  it('splits nested ranges, outermost first', () => {
    expect(compact(segmentRanges([r('inner', 3, 5), r('outer', 0, 10), r('mid', 2, 8)]))).toEqual([
      [0, 2, 'outer'],
      [2, 3, 'outer mid'],
      [3, 5, 'outer mid inner'],
      [5, 8, 'outer mid'],
      [8, 10, 'outer'],
    ]);
  });

  it('splits overlapping ranges', () => {
    expect(compact(segmentRanges([r('b', 4, 9), r('a', 0, 6)]))).toEqual([
      [0, 4, 'a'],
      [4, 6, 'a b'],
      [6, 9, 'b'],
    ]);
  });

  it('lists identical ranges in id order', () => {
    expect(compact(segmentRanges([r('z', 2, 5), r('m', 2, 5), r('a', 2, 5)]))).toEqual([[2, 5, 'a m z']]);
  });

  it('orders ranges with the same start longest first', () => {
    expect(compact(segmentRanges([r('short', 0, 2), r('long', 0, 6)]))).toEqual([
      [0, 2, 'long short'],
      [2, 6, 'long'],
    ]);
  });

  it('keeps touching ranges in separate segments without overlap', () => {
    expect(compact(segmentRanges([r('a', 0, 3), r('b', 3, 6), r('c', 6, 7)]))).toEqual([
      [0, 3, 'a'],
      [3, 6, 'b'],
      [6, 7, 'c'],
    ]);
  });

  it('ignores empty ranges among real ones, even when they fall inside', () => {
    expect(compact(segmentRanges([r('a', 0, 6), r('e', 3, 3)]))).toEqual([[0, 6, 'a']]);
  });

  it('returns a new items array per segment (no shared mutation)', () => {
    const segs = segmentRanges([r('a', 0, 6), r('b', 2, 4)]);
    segs[0]!.items.push(r('x', 0, 1));
    expect(segs[1]!.items.map((i) => i.id)).toEqual(['a', 'b']);
  });
});

const itemsArb = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([x, y]) => [x, y] as const),
    { maxLength: 12 },
  )
  .map((pairs) =>
    // Mostly well-formed ranges, some empty or reversed (which must be ignored).
    pairs.map(([x, y], k) => (k % 5 === 4 ? r(`i${k}`, y, x) : r(`i${k}`, Math.min(x, y), Math.max(x, y)))),
  );

describe('segmentRanges properties', () => {
  it('agrees with a brute-force per-offset coverage', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const segments = segmentRanges(items);
        // Sorted, non-empty, non-overlapping.
        for (let k = 0; k < segments.length; k++) {
          const s = segments[k]!;
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.items.length).toBeGreaterThan(0);
          if (k > 0) expect(s.start).toBeGreaterThanOrEqual(segments[k - 1]!.end);
          // Every covering item really covers the whole segment.
          for (const it of s.items) {
            expect(it.start).toBeLessThanOrEqual(s.start);
            expect(it.end).toBeGreaterThanOrEqual(s.end);
          }
        }
        // Per offset: the same covering ids in the same (outermost first) order, so the union of
        // the segments is the union of the inputs.
        expect(coverageFromSegments(segments, 32)).toEqual(coverage(items, 32));
        // Segment edges are always edges of some (non-empty) input range.
        const edges = new Set(items.filter((it) => it.end > it.start).flatMap((it) => [it.start, it.end]));
        for (const s of segments) {
          expect(edges.has(s.start)).toBe(true);
          expect(edges.has(s.end)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
