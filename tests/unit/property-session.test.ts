/**
 * Property-based session sequences (issue 7, item 1): at least 1,000 random sequences of tag
 * (arbitrary UTF-16 selections, surrogate halves and cluster middles included), select,
 * relabel, move a boundary, delete, undo, redo and reload, run through the real DocumentSession
 * over the real Library on fake-indexeddb. Keys are pressed as a person does: several before the
 * previous write has finished, sometimes waiting. Checked:
 *
 * - at every reload and at the end of every sequence, what the session shows (its snapshot: the
 *   screen's model) equals what a separate connection to the store loads, annotation for
 *   annotation, and the record's annotationCount matches;
 * - every shown annotation quotes the text at its code-point offsets;
 * - undo with nothing to undo and redo with nothing to redo write nothing and change nothing;
 * - undoing everything since the last reload gives back exactly what was loaded, redoing it all
 *   gives back exactly the end state, and the store agrees both times;
 * - no error is ever reported.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationChange } from '../../src/domain/change';
import { DocumentSession } from '../../src/app/documentSession';
import { compareAnnotations, type Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { TextIndex } from '../../src/domain/textIndex';
import { u16 } from '../../src/domain/units';
import { Library } from '../../src/storage/library';

const SEQUENCES = Number(process.env.YISHI_SESSION_SEQUENCES ?? 1000);
const MAX_STEPS = 30;
const LABEL_IDS = DEFAULT_LABELS.map((l) => l.id);
const T0 = '2024-05-01T08:00:00.000Z';

/** Texts with the hard cases: astral characters, ZWJ and combining clusters, white space, line breaks. */
const PIECES = ['委员', '建议', '产业链', '。', '，', '𠮷', '𩸽', '👩‍👩‍👧', '👩‍💻', 'e\u0301', '\u3000', ' ', '\n', '\n\n', '# ', 'abc'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((p) => `${p.join('')}议事`);

type Step =
  | { kind: 'tag'; at: number; length: number; label: string }
  | { kind: 'select'; pick: number }
  | { kind: 'relabel'; label: string }
  | { kind: 'move'; boundary: 'start' | 'end'; direction: -1 | 1 }
  | { kind: 'delete' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'reload' };

const labelArb = fc.constantFrom(...LABEL_IDS);
const stepArb: fc.Arbitrary<{ step: Step; wait: boolean }> = fc.record({
  step: fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('tag' as const), at: fc.nat(), length: fc.integer({ min: 0, max: 12 }), label: labelArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('select' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('relabel' as const), label: labelArb }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('move' as const),
        boundary: fc.constantFrom('start' as const, 'end' as const),
        direction: fc.constantFrom(-1 as const, 1 as const),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
    { weight: 3, arbitrary: fc.constant({ kind: 'undo' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'redo' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
  ),
  // Wait for the writes queued so far before this step (as a slower person would), or not.
  wait: fc.boolean(),
});
const sequenceArb = fc.record({ text: textArb, steps: fc.array(stepArb, { minLength: 4, maxLength: MAX_STEPS, size: 'max' }) });

let library: Library;
/** A second connection to the same database: what a reopened tab would read. */
let observer: Library;
let docCounter = 0;
const figures = { sequences: 0, steps: 0, writes: 0, reloads: 0, comparisons: 0, refusedUndo: 0, refusedRedo: 0, shown: 0, undoneRedone: 0 };

beforeAll(async () => {
  const name = `property-session-${Date.now()}`;
  library = await Library.open(name);
  observer = await Library.open(name);
});

afterAll(() => {
  library?.close();
  observer?.close();
});

const sorted = (list: readonly Annotation[]): Annotation[] => [...list].sort(compareAnnotations);
/** The annotations without their `updatedAt`: an undo or redo is an edit and gets a new one. */
const content = (list: readonly Annotation[]) => sorted(list).map(({ updatedAt: _updatedAt, ...rest }) => rest);

/** The screen's model equals the store, read through the other connection. */
async function expectScreenIsStore(session: DocumentSession): Promise<void> {
  await session.idle();
  const shown = session.getSnapshot().annotations;
  const stored = await observer.loadDocument(session.document.id);
  expect(stored).toBeDefined();
  expect(sorted(shown)).toEqual(sorted(stored!.annotations));
  expect(shown).toEqual(sorted(shown)); // the session keeps text order
  // The record's row (what the library list shows) counts them too.
  const row = await observer.db.documents.get(session.document.id);
  expect(row?.annotationCount).toBe(shown.length);
  const index = new TextIndex(session.document.text);
  for (const a of shown) expect(index.sliceCodePoints(a.start, a.end)).toBe(a.text);
  figures.comparisons++;
}

describe('random edit sequences: the screen shows exactly what is stored', () => {
  it(`${SEQUENCES} sequences of tag, select, relabel, move, delete, undo, redo and reload`, async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(sequenceArb, async ({ text, steps }) => {
        const errors: string[] = [];
        let writes = 0;
        // The real store, counting its writes.
        const store = {
          applyChange: (docId: string, change: AnnotationChange) => {
            writes++;
            return library.applyChange(docId, change);
          },
        };
        const document: MeetingDocument = {
          id: `doc-${++docCounter}`,
          title: `序列 ${docCounter}`,
          // A distinct text per record: the store refuses a second copy of a text.
          text: `${text}${docCounter}`,
          format: 'plain',
          meta: {},
          createdAt: T0,
          updatedAt: T0,
        };
        const report = await library.importDocuments([{ document, annotations: [] }]);
        expect(report.addedIds).toEqual([document.id]);
        const open = async (): Promise<DocumentSession> => {
          const loaded = await observer.loadDocument(document.id);
          return new DocumentSession(loaded!.document, loaded!.annotations, store, DEFAULT_LABELS, (m) => errors.push(m));
        };
        let session = await open();
        let loadedState = sorted(session.getSnapshot().annotations);
        const length16 = document.text.length;

        for (const { step, wait } of steps) {
          if (wait) await session.idle();
          switch (step.kind) {
            case 'tag': {
              const start = step.at % (length16 + 1);
              const end = Math.min(length16, start + step.length);
              session.tag({ start: u16(start), end: u16(end) }, step.label);
              break;
            }
            case 'select': {
              const list = session.getSnapshot().annotations;
              session.select(list.length === 0 || step.pick % (list.length + 1) === list.length ? null : list[step.pick % list.length]!.id);
              break;
            }
            case 'relabel':
              session.relabelSelected(step.label);
              break;
            case 'move':
              session.moveSelected(step.boundary, step.direction);
              break;
            case 'delete':
              session.deleteSelected();
              break;
            case 'undo':
            case 'redo': {
              if (!wait) {
                if (step.kind === 'undo') session.undo();
                else session.redo();
                break;
              }
              // Settled: whether there is anything to undo/redo is known; with nothing, nothing happens.
              const before = session.getSnapshot();
              const can = step.kind === 'undo' ? before.canUndo : before.canRedo;
              const writesBefore = writes;
              if (step.kind === 'undo') session.undo();
              else session.redo();
              await session.idle();
              if (!can) {
                const after = session.getSnapshot();
                expect(after.annotations).toBe(before.annotations);
                expect(writes).toBe(writesBefore);
                expect(after.save).toEqual({ kind: 'saved' });
                if (step.kind === 'undo') figures.refusedUndo++;
                else figures.refusedRedo++;
              }
              break;
            }
            case 'reload':
              await expectScreenIsStore(session);
              session = await open();
              loadedState = sorted(session.getSnapshot().annotations);
              figures.reloads++;
              break;
          }
          figures.steps++;
        }
        await expectScreenIsStore(session);
        const endState = sorted(session.getSnapshot().annotations);
        figures.shown += endState.length;

        // Undo everything since the last reload (k steps), then redo the same k steps.
        let k = 0;
        for (; k <= MAX_STEPS && session.getSnapshot().canUndo; k++) {
          session.undo();
          await session.idle();
        }
        expect(session.getSnapshot().canUndo).toBe(false);
        expect(content(session.getSnapshot().annotations)).toEqual(content(loadedState));
        await expectScreenIsStore(session);
        for (let n = 0; n < k; n++) {
          expect(session.getSnapshot().canRedo).toBe(true);
          session.redo();
          await session.idle();
        }
        expect(content(session.getSnapshot().annotations)).toEqual(content(endState));
        await expectScreenIsStore(session);
        figures.undoneRedone += k;

        expect(errors).toEqual([]);
        expect(session.getSnapshot().save).toEqual({ kind: 'saved' });
        figures.writes += writes;
        figures.sequences++;
      }),
      { numRuns: SEQUENCES },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `session property: ${figures.sequences} sequences, ${figures.steps} steps (${figures.reloads} reloads), ` +
        `${figures.writes} writes to fake-indexeddb, ${figures.comparisons} screen-vs-store comparisons, ` +
        `${figures.refusedUndo} undo and ${figures.refusedRedo} redo with nothing to do refused cleanly, ` +
        `${figures.undoneRedone} steps undone back to the last reload and redone, ` +
        `${figures.shown} annotations shown at the ends; ${seconds.toFixed(1)} s`,
    );
    expect(figures.sequences).toBeGreaterThanOrEqual(Math.min(SEQUENCES, 1000));
  }, 180_000);
});
