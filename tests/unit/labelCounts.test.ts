import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareAnnotations, type Annotation } from '../../src/domain/annotation';
import { applyChangeInOrder, type AnnotationChange } from '../../src/domain/change';
import { cp } from '../../src/domain/units';
import { countLabels, updateLabelCounts } from '../../src/ui/labelCounts';

const LABELS = ['proposal', 'problem', 'recommendation', 'response'];
const at = '2026-01-01T00:00:00.000Z';
const span = (id: string, label: string, start: number, length: number): Annotation => ({
  id,
  label,
  start: cp(start),
  end: cp(start + length),
  text: 'x'.repeat(length),
  createdAt: at,
  updatedAt: at,
});
const spanArb = fc
  .record({ id: fc.uuid(), label: fc.constantFrom(...LABELS), start: fc.nat(500), length: fc.integer({ min: 1, max: 40 }) })
  .map((s) => span(s.id, s.label, s.start, s.length));
const sorted = (list: Annotation[]) => [...list].sort(compareAnnotations);

describe('label counts kept from the previous list', () => {
  it('equal a full count after the session’s changes (a few added, removed or replaced)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(spanArb, { selector: (a) => a.id, maxLength: 60 }), fc.array(fc.tuple(fc.nat(), spanArb, fc.constantFrom('add', 'remove', 'relabel', 'move')), { maxLength: 8 }), (initial, edits) => {
        let list = sorted(initial);
        let counts = countLabels(list);
        const byId = new Map(list.map((a) => [a.id, a]));
        for (const [pick, fresh, kind] of edits) {
          const old = list.length ? list[pick % list.length]! : undefined;
          let change: AnnotationChange;
          if (kind === 'add' || !old) change = { added: [fresh], removed: [] };
          else if (kind === 'remove') change = { added: [], removed: [old] };
          else if (kind === 'relabel') change = { added: [{ ...old, label: fresh.label }], removed: [old] };
          else change = { added: [{ ...old, start: fresh.start, end: cp(fresh.start + 3) }], removed: [old] };
          const next = applyChangeInOrder(list, change, (id) => byId.get(id));
          for (const a of change.removed) byId.delete(a.id);
          for (const a of change.added) byId.set(a.id, a);
          counts = updateLabelCounts(list, counts, next);
          list = next;
          expect(counts).toEqual(countLabels(list));
        }
      }),
    );
  });

  it('are exact for any two lists, in any order, sharing objects or not', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 40 }), fc.array(spanArb, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (a, extra, shuffle) => {
        // `next` shares some of `prev`'s objects, in another order, with others mixed in.
        const shared = a.filter((_, i) => (shuffle[i] ?? 0) % 3 !== 0);
        const next = [...extra, ...shared].sort((x, y) => (x.id < y.id ? -1 : 1));
        expect(updateLabelCounts(a, countLabels(a), next)).toEqual(countLabels(next));
      }),
    );
  });

  it('counts again when the lists have little in common', () => {
    const prev = Array.from({ length: 600 }, (_, i) => span(`p${i}`, LABELS[i % 4]!, i, 2));
    const next = Array.from({ length: 300 }, (_, i) => span(`n${i}`, 'response', i, 2));
    expect(updateLabelCounts(prev, countLabels(prev), next)).toEqual(new Map([['response', 300]]));
  });
});
