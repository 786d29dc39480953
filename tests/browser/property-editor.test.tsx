/**
 * The screen itself agrees with the store (issue 7, item 1, in Chromium): random sequences of
 * tag, select, relabel, move, delete, undo, redo and reload run through a DocumentSession over
 * the real Library (real IndexedDB) with the RecordEditor mounted; after each sequence and at
 * each reload, every character of the drawn text is covered (via the `data-annotation-ids` of
 * its decoration) by exactly the annotations the store holds over it. Seeded (mulberry32) so a
 * failure names its seed and replays.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentSession } from '../../src/app/documentSession';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { TextIndex } from '../../src/domain/textIndex';
import { u16 } from '../../src/domain/units';
import { mulberry32 } from '../../src/io/formats/jsonl';
import { Library } from '../../src/storage/library';
import type { Editor } from '@tiptap/core';
import { RecordEditor } from '../../src/ui/RecordEditor';
import { I18nProvider } from '../../src/i18n/context';

const SEQUENCES = 60;
const STEPS = 16;
const SEED = Number(import.meta.env.VITE_YISHI_SEED ?? 20241126);
const PIECES = ['委员', '建议', '产业链', '。', '，', '𠮷', '👩‍👩‍👧', '👩‍💻', 'e\u0301', '\u3000', ' ', '\n', '\n\n', 'abc'];
const LABEL_IDS = DEFAULT_LABELS.map((l) => l.id);
const T0 = '2024-05-01T08:00:00.000Z';

let library: Library | undefined;
afterAll(() => library?.close());

interface Screen {
  session: DocumentSession;
  root: HTMLElement;
  unmount(): void;
}

async function mount(library: Library, docId: string, errors: string[]): Promise<Screen> {
  const loaded = await library.loadDocument(docId);
  const session = new DocumentSession(loaded!.document, loaded!.annotations, library, DEFAULT_LABELS, (m) => errors.push(m));
  const container = document.createElement('div');
  container.style.cssText = 'width: 600px; font-size: 16px; line-height: 1.8';
  document.body.append(container);
  let editor: Editor | null = null;
  const reactRoot = createRoot(container);
  reactRoot.render(
    createElement(I18nProvider, { initial: 'en' }, createElement(RecordEditor, { session, labels: DEFAULT_LABELS, onEditor: (e: Editor | null) => (editor = e) })),
  );
  await expect.poll(() => editor !== null).toBe(true);
  const root = container.querySelector<HTMLElement>('.ProseMirror')!;
  return {
    session,
    root,
    unmount() {
      reactRoot.unmount();
      container.remove();
    },
  };
}

/** Per drawn character (the text without its line breaks, which are block boundaries): the ids covering it. */
function drawnCoverage(root: HTMLElement): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = (n as Text).parentElement?.closest('[data-annotation-ids]');
    const ids = el ? (el.getAttribute('data-annotation-ids') ?? '').split(' ').filter(Boolean).sort().join(' ') : '';
    for (let i = 0; i < (n as Text).data.length; i++) out.push(ids);
  }
  return out;
}

function storedCoverage(text: string, annotations: readonly Annotation[]): string[] {
  const index = new TextIndex(text);
  const ranges = annotations.map((a) => ({ id: a.id, start: index.toUtf16(a.start) as number, end: index.toUtf16(a.end) as number }));
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') continue;
    out.push(ranges.filter((r) => r.start <= i && i < r.end).map((r) => r.id).sort().join(' '));
  }
  return out;
}

async function expectScreenIsStore(library: Library, screen: Screen, where: string): Promise<void> {
  await screen.session.idle();
  const stored = await library.loadDocument(screen.session.document.id);
  const text = stored!.document.text;
  expect(screen.root.textContent).toBe(text.replace(/\n/g, ''));
  await expect
    .poll(() => drawnCoverage(screen.root), { message: `${where}: ids drawn per character vs stored` })
    .toEqual(storedCoverage(text, stored!.annotations));
  expect(screen.session.getSnapshot().annotations.map((a) => a.id).sort()).toEqual(stored!.annotations.map((a) => a.id).sort());
}

describe('random edit sequences in the mounted editor: the drawn spans are the stored spans', () => {
  it(`${SEQUENCES} sequences of ${STEPS} steps (seed ${SEED})`, async () => {
    library = await Library.open(`property-editor-${Date.now()}`);
    const random = mulberry32(SEED);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const figures = { steps: 0, reloads: 0, comparisons: 0, characters: 0, spans: 0 };
    const errors: string[] = [];
    for (let s = 0; s < SEQUENCES; s++) {
      const text = `${Array.from({ length: 4 + Math.floor(random() * 24) }, () => pick(PIECES)).join('')}议事${s}`;
      const doc: MeetingDocument = { id: `doc-${s}`, title: `序列 ${s}`, text, format: 'plain', meta: {}, createdAt: T0, updatedAt: T0 };
      await library.importDocuments([{ document: doc, annotations: [] }]);
      let screen = await mount(library, doc.id, errors);
      for (let k = 0; k < STEPS; k++) {
        const { session } = screen;
        if (random() < 0.5) await session.idle();
        const r = random();
        if (r < 0.3) {
          const start = Math.floor(random() * (text.length + 1));
          session.tag({ start: u16(start), end: u16(Math.min(text.length, start + Math.floor(random() * 10))) }, pick(LABEL_IDS));
        } else if (r < 0.4) {
          const list = session.getSnapshot().annotations;
          session.select(list.length === 0 ? null : pick(list).id);
        } else if (r < 0.5) session.relabelSelected(pick(LABEL_IDS));
        else if (r < 0.65) session.moveSelected(pick(['start', 'end'] as const), pick([-1, 1] as const));
        else if (r < 0.72) session.deleteSelected();
        else if (r < 0.85) session.undo();
        else if (r < 0.95) session.redo();
        else {
          await expectScreenIsStore(library, screen, `seed ${SEED}, sequence ${s}, step ${k} (reload)`);
          figures.comparisons++;
          screen.unmount();
          screen = await mount(library, doc.id, errors);
          figures.reloads++;
        }
        figures.steps++;
      }
      await expectScreenIsStore(library, screen, `seed ${SEED}, sequence ${s}, end`);
      figures.comparisons++;
      figures.characters += text.length;
      figures.spans += screen.session.getSnapshot().annotations.length;
      screen.unmount();
    }
    expect(errors).toEqual([]);
    console.log(
      `editor property (seed ${SEED}): ${SEQUENCES} sequences, ${figures.steps} steps (${figures.reloads} reloads), ` +
        `${figures.comparisons} DOM-vs-store comparisons over ${figures.characters} characters, ${figures.spans} spans drawn at the ends`,
    );
  }, 120_000);
});
