// The library in the interface: record details, search, filters, sort and batch import, driven
// through the mounted App (real IndexedDB in Chromium). A second Library over the same database
// plays another tab.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { Annotation } from '../../src/domain/annotation';
import type { DocumentMeta, MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { cp } from '../../src/domain/units';
import { serializeNative } from '../../src/io/native';
import { Library } from '../../src/storage/library';
import { byTestId, mountApp, unmountApps, type MountedApp } from './i18n-mount';

const others: Library[] = [];
afterEach(async () => {
  for (const l of others.splice(0)) l.close();
  await unmountApps();
});

/** Another tab's library over the same database. */
async function otherTab(m: MountedApp): Promise<Library> {
  const library = await Library.open(m.dbName);
  others.push(library);
  return library;
}

const T = '2025-01-01T00:00:00.000Z';
function doc(id: string, title: string, text: string, meta: DocumentMeta = {}): MeetingDocument {
  return { id, title, text, format: 'plain', meta, createdAt: T, updatedAt: T };
}
function ann(id: string, label: string, text: string, needle: string): Annotation {
  const at = Array.from(text.slice(0, text.indexOf(needle))).length;
  return { id, label, start: cp(at), end: cp(at + Array.from(needle).length), text: needle, createdAt: T, updatedAt: T };
}

const A = '马丽娟委员指出产业链配套不完整，建议建设产业技术研究院。';
const B = '市长廖国勋表示将全面实施链长制。';
const C = '关于营商环境的讨论，尚未标注。';

/** Three records besides the sample, stored by another tab: the list follows. */
async function seed(m: MountedApp): Promise<Library> {
  const other = await otherTab(m);
  await other.importDocuments([
    {
      document: doc('a', '先进制造业专题', A, { date: '2021-06-15', tags: ['工业'], status: 'done' }),
      annotations: [ann('a1', 'problem', A, '产业链配套不完整'), ann('a2', 'recommendation', A, '建设产业技术研究院')],
    },
    { document: doc('b', '链长制座谈会', B, { date: '2022-03-01', tags: ['工业', '链长制'], status: 'in_progress' }), annotations: [ann('b1', 'response', B, '全面实施链长制')] },
    { document: doc('c', 'Zeta meeting', C), annotations: [] },
  ]);
  await expect.poll(() => titles(m)).toHaveLength(4);
  return other;
}

function titles(m: MountedApp): string[] {
  return [...m.container.querySelectorAll('[data-testid="doc-item"] .yi-doc-title')].map((e) => e.textContent!);
}
function item(m: MountedApp, title: string): HTMLElement {
  const el = [...m.container.querySelectorAll<HTMLElement>('[data-testid="doc-item"]')].find((li) => li.querySelector('.yi-doc-title')!.textContent === title);
  if (!el) throw new Error(`no record "${title}" in the list`);
  return el;
}
const SAMPLE = '打造天津的当家产业（天津市政协专题议政会综述）';

async function seriousViolations(): Promise<string[]> {
  const results = await axe.run(document, { resultTypes: ['violations'] });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('record details', () => {
  it('are edited in a dialog, shown in the list and the reader, kept after a reload, and followed from another tab', async () => {
    const m = await mountApp({ preferred: ['en'] });
    await userEvent.click(item(m, SAMPLE).querySelector<HTMLElement>('[data-testid="doc-details"]')!);
    const dialog = byTestId<HTMLDialogElement>(m, 'doc-details-dialog');
    await expect.poll(() => dialog.open).toBe(true);
    expect(byTestId<HTMLInputElement>(m, 'doc-details-title').value).toBe(SAMPLE);
    expect(byTestId<HTMLInputElement>(m, 'doc-details-date').type).toBe('date');
    expect(await seriousViolations()).toEqual([]);

    await userEvent.fill(byTestId(m, 'doc-details-title'), '天津专题议政会');
    await userEvent.fill(byTestId(m, 'doc-details-date'), '2021-06-15');
    await userEvent.fill(byTestId(m, 'doc-details-meeting'), '市政协十四届常委会');
    await userEvent.fill(byTestId(m, 'doc-details-source'), '天津政协网');
    await userEvent.fill(byTestId(m, 'doc-details-tags'), '工业，制造业、产业链, 工业');
    await userEvent.selectOptions(byTestId(m, 'doc-details-status'), 'in_progress');
    await userEvent.click(byTestId(m, 'doc-details-save'));
    await expect.poll(() => dialog.open).toBe(false);

    // The list and the open record's reader show the new title; the status badge and tags show.
    await expect.poll(() => titles(m)).toEqual(['天津专题议政会']);
    const li = item(m, '天津专题议政会');
    expect(li.querySelector<HTMLSelectElement>('[data-testid="doc-status"]')!.value).toBe('in_progress');
    expect([...li.querySelectorAll('.yi-doc-tag')].map((e) => e.textContent)).toEqual(['工业', '制造业', '产业链']);
    expect(m.container.querySelector('.yi-reader')!.getAttribute('aria-label')).toBe('天津专题议政会');

    // An empty title is refused in the dialog, nothing stored.
    await userEvent.click(li.querySelector<HTMLElement>('[data-testid="doc-details"]')!);
    await expect.poll(() => dialog.open).toBe(true);
    await userEvent.fill(byTestId(m, 'doc-details-title'), '   ');
    await userEvent.click(byTestId(m, 'doc-details-save'));
    await expect.poll(() => dialog.querySelector('[role="alert"]')?.textContent).toBe('A record needs a title.');
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => dialog.open).toBe(false);

    // Stored: a new start of the app finds every field as saved.
    const dbName = m.dbName;
    m.unmount();
    const again = await mountApp({ dbName, preferred: ['en'] });
    expect(titles(again)).toEqual(['天津专题议政会']);
    await userEvent.click(item(again, '天津专题议政会').querySelector<HTMLElement>('[data-testid="doc-details"]')!);
    await expect.poll(() => byTestId<HTMLDialogElement>(again, 'doc-details-dialog').open).toBe(true);
    const value = (id: string) => byTestId<HTMLInputElement>(again, id).value;
    expect([value('doc-details-title'), value('doc-details-date'), value('doc-details-meeting'), value('doc-details-source'), value('doc-details-tags'), value('doc-details-status')]).toEqual([
      '天津专题议政会',
      '2021-06-15',
      '市政协十四届常委会',
      '天津政协网',
      '工业, 制造业, 产业链',
      'in_progress',
    ]);
    await userEvent.keyboard('{Escape}');
    const [stored] = await again.library.listDocuments();
    expect(stored!.meta).toMatchObject({ date: '2021-06-15', meeting: '市政协十四届常委会', source: '天津政协网', tags: ['工业', '制造业', '产业链'], status: 'in_progress' });

    // Another tab renames the open record and marks it done: this one follows.
    const other = await otherTab(again);
    await other.updateDocument(stored!.id, { title: '另一个标签页改的标题', meta: { status: 'done' } });
    await expect.poll(() => titles(again)).toEqual(['另一个标签页改的标题']);
    await expect.poll(() => again.container.querySelector('.yi-reader')!.getAttribute('aria-label')).toBe('另一个标签页改的标题');
    expect(item(again, '另一个标签页改的标题').querySelector<HTMLSelectElement>('[data-testid="doc-status"]')!.value).toBe('done');

    // Saving sends only what was changed here: a date this form cannot show and a tag another tab
    // set while the dialog was open are kept.
    await other.updateDocument(stored!.id, { meta: { date: '2021年6月' } });
    await expect.poll(async () => (await again.library.listDocuments())[0]!.meta.date).toBe('2021年6月');
    await userEvent.click(item(again, '另一个标签页改的标题').querySelector<HTMLElement>('[data-testid="doc-details"]')!);
    await other.updateDocument(stored!.id, { meta: { tags: ['另一个标签页'] } });
    await userEvent.fill(byTestId(again, 'doc-details-title'), '只改标题');
    await userEvent.click(byTestId(again, 'doc-details-save'));
    await expect.poll(() => titles(again)).toEqual(['只改标题']);
    expect((await again.library.listDocuments())[0]!.meta).toMatchObject({ date: '2021年6月', tags: ['另一个标签页'], status: 'done' });
  });
});

describe('search, filters and sort', () => {
  it('search finds titles and full text, debounced, and drops a stale answer', async () => {
    const m = await mountApp({ preferred: ['en'] });
    await seed(m);
    const search = byTestId<HTMLInputElement>(m, 'doc-search');
    const count = () => byTestId(m, 'doc-count').textContent;
    expect(count()).toBe('4 of 4 records');

    await userEvent.fill(search, '座谈会');
    await expect.poll(() => titles(m)).toEqual(['链长制座谈会']); // title only
    expect(count()).toBe('1 of 4 records');
    await userEvent.fill(search, '营商环境');
    await expect.poll(() => titles(m)).toEqual(['Zeta meeting']); // text only
    await userEvent.fill(search, '汽车产业');
    await expect.poll(() => titles(m)).toEqual([SAMPLE]); // the sample's text
    await userEvent.fill(search, 'zeta MEETING');
    await expect.poll(() => titles(m)).toEqual(['Zeta meeting']); // every word, either case
    await userEvent.fill(search, '没有这个词');
    await expect.poll(() => titles(m)).toEqual([]);
    expect(count()).toBe('0 of 4 records');
    expect(m.container.textContent).toContain('No record matches the search and filters.');
    // Esc in the field clears it.
    await userEvent.click(search);
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => titles(m)).toHaveLength(4);

    // Typing quickly asks once, after the pause.
    const library = m.library;
    const original = library.searchDocuments.bind(library);
    const asked: string[] = [];
    let slow: Promise<Set<string>> | null = null;
    library.searchDocuments = (q: string) => {
      asked.push(q);
      if (q === '先进') return (slow = new Promise((resolve) => setTimeout(() => resolve(original(q)), 600)));
      return original(q);
    };
    await userEvent.type(search, '配套不完整');
    await expect.poll(() => titles(m)).toEqual(['先进制造业专题']);
    expect(asked).toEqual(['配套不完整']);
    // A slow answer to an earlier query arriving after the latest one is dropped.
    await userEvent.fill(search, '先进');
    await expect.poll(() => asked.at(-1)).toBe('先进');
    await userEvent.fill(search, '营商');
    await expect.poll(() => titles(m)).toEqual(['Zeta meeting']);
    await slow;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    expect(titles(m)).toEqual(['Zeta meeting']);
  });

  it('filters by status, tag and label counts, and sorts; the status changes from the list', async () => {
    const m = await mountApp({ preferred: ['en'] });
    const other = await seed(m);
    let countsRead = 0;
    const read = m.library.labelCounts.bind(m.library);
    m.library.labelCounts = () => (countsRead++, read());

    await userEvent.click(byTestId(m, 'doc-filters').querySelector('summary')!);
    const status = byTestId<HTMLSelectElement>(m, 'doc-filter-status');
    await userEvent.selectOptions(status, 'done');
    await expect.poll(() => titles(m)).toEqual(['先进制造业专题']);
    // Changed from the list: stored, and the filter follows.
    await userEvent.selectOptions(status, '');
    await userEvent.selectOptions(item(m, 'Zeta meeting').querySelector<HTMLSelectElement>('[data-testid="doc-status"]')!, 'reviewed');
    await expect.poll(async () => (await m.library.listDocuments()).find((d) => d.id === 'c')!.meta.status).toBe('reviewed');
    await userEvent.selectOptions(status, 'reviewed');
    await expect.poll(() => titles(m)).toEqual(['Zeta meeting']);
    await userEvent.selectOptions(status, 'not_started');
    await expect.poll(() => titles(m)).toEqual([SAMPLE]);
    await userEvent.selectOptions(status, '');

    // Tags in use, in Chinese collation order.
    const tag = byTestId<HTMLSelectElement>(m, 'doc-filter-tag');
    expect([...tag.options].map((o) => o.value)).toEqual(['', ...['工业', '链长制'].sort(new Intl.Collator('zh-CN').compare)]);
    await userEvent.selectOptions(tag, '链长制');
    await expect.poll(() => titles(m)).toEqual(['链长制座谈会']);
    await userEvent.selectOptions(tag, '工业');
    await expect.poll(() => titles(m).sort()).toEqual(['先进制造业专题', '链长制座谈会'].sort());
    await userEvent.selectOptions(tag, '');

    // Span counts: none read until a label filter is chosen.
    const spans = byTestId<HTMLSelectElement>(m, 'doc-filter-spans');
    await userEvent.selectOptions(spans, 'none');
    await expect.poll(() => titles(m).sort()).toEqual(['Zeta meeting', SAMPLE].sort());
    await userEvent.selectOptions(spans, 'some');
    await expect.poll(() => titles(m).sort()).toEqual(['先进制造业专题', '链长制座谈会'].sort());
    expect(countsRead).toBe(0);
    await userEvent.selectOptions(spans, 'with:problem');
    await expect.poll(() => titles(m)).toEqual(['先进制造业专题']);
    expect(countsRead).toBe(1);
    await userEvent.selectOptions(spans, 'without:response');
    await expect.poll(() => titles(m).sort()).toEqual(['先进制造业专题', 'Zeta meeting', SAMPLE].sort());
    // Refreshed after a change: another tab adds a problem span to "Zeta meeting".
    await userEvent.selectOptions(spans, 'with:problem');
    await expect.poll(() => titles(m)).toEqual(['先进制造业专题']);
    await other.importDocuments([{ document: doc('c', 'Zeta meeting', C), annotations: [ann('c1', 'problem', C, '营商环境')] }]);
    await expect.poll(() => titles(m).sort()).toEqual(['先进制造业专题', 'Zeta meeting'].sort());
    expect(byTestId(m, 'doc-count').textContent).toBe('2 of 4 records');
    expect(await seriousViolations()).toEqual([]);
    await userEvent.selectOptions(spans, '');

    // Sort.
    const sort = byTestId<HTMLSelectElement>(m, 'doc-sort');
    await userEvent.selectOptions(sort, 'title');
    const collator = new Intl.Collator('en', { numeric: true });
    await expect.poll(() => titles(m)).toEqual(['先进制造业专题', '链长制座谈会', 'Zeta meeting', SAMPLE].sort(collator.compare));
    expect(titles(m)[0]).toBe('Zeta meeting');
    await userEvent.selectOptions(sort, 'date');
    await expect.poll(() => titles(m).slice(0, 2)).toEqual(['链长制座谈会', '先进制造业专题']); // newest meeting first, undated last
    await userEvent.selectOptions(sort, 'spans');
    // Most spans first (2, then 1 and 1, then none); ties go to the last changed ("Zeta meeting").
    await expect.poll(() => titles(m)).toEqual(['先进制造业专题', 'Zeta meeting', '链长制座谈会', SAMPLE]);
    await userEvent.selectOptions(sort, 'updated');
    const updated = (await m.library.listDocuments()).map((d) => d.title);
    await expect.poll(() => titles(m)).toEqual(updated);

    // One button clears everything.
    await userEvent.fill(byTestId(m, 'doc-search'), '座谈会');
    await userEvent.selectOptions(status, 'done');
    await expect.poll(() => titles(m)).toEqual([]);
    await userEvent.click(byTestId(m, 'doc-clear-filters'));
    await expect.poll(() => titles(m)).toHaveLength(4);
    expect(byTestId<HTMLInputElement>(m, 'doc-search').value).toBe('');
  });

  it('the controls are reachable by keyboard and translated', async () => {
    const m = await mountApp({ preferred: ['zh-CN'] });
    byTestId(m, 'doc-search').focus();
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement?.tagName).toBe('SUMMARY');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => byTestId<HTMLDetailsElement>(m, 'doc-filters').open).toBe(true);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(byTestId(m, 'doc-filter-status'));
    expect(byTestId(m, 'doc-count').textContent).toBe('显示 1 / 1 条记录');
    expect(byTestId(m, 'doc-filter-spans').textContent).toContain('有“问题”标注');
    expect(byTestId(m, 'doc-search').getAttribute('aria-label')).toBe('搜索记录');
  });
});

describe('batch import', () => {
  it('imports 30 files one by one with a progress bar, and names each refused file and why', async () => {
    const m = await mountApp({ preferred: ['en'] });
    const files: File[] = [];
    for (let i = 0; i < 24; i++) files.push(new File([`第${i}次会议纪要。\n委员建议加快第${i}项改革。\n`], `meeting-${String(i).padStart(2, '0')}.txt`, { type: 'text/plain' }));
    files.push(new File(['# 标题\n\n正文段落。\n'], 'notes.md'));
    const native = [doc('n1', '原生一', '原生记录一的正文。'), doc('n2', '原生二', '原生记录二的正文。')].map((d) => ({ document: d, annotations: [] }));
    files.push(new File([serializeNative(native, DEFAULT_LABELS)], 'two-records.yishi.json'));
    files.push(new File([`第3次会议纪要。\n委员建议加快第3项改革。\n`], 'copy-of-03.txt')); // the same text as meeting-03
    files.push(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], 'picture.txt'));
    files.push(new File([], 'empty.txt'));
    files.push(new File(['{"format": "yishi.annotations", "documents": ['], 'broken.json'));
    expect(files).toHaveLength(30);

    // Sample the progress bar every frame until the summary is there.
    const seen: { value: number; max: number }[] = [];
    let sampling = true;
    const sample = () => {
      const p = m.container.querySelector<HTMLProgressElement>('[data-testid="import-progress"]');
      if (p) seen.push({ value: p.value, max: p.max });
      if (sampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);

    const input = byTestId<HTMLInputElement>(m, 'import-file');
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(f);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));

    await expect.poll(() => m.container.querySelector('[data-testid="import-batch"]')?.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    sampling = false;
    const bar = byTestId<HTMLProgressElement>(m, 'import-progress');
    expect([bar.value, bar.max]).toEqual([60, 60]);
    const between = seen.filter((s) => s.max === 60 && s.value > 0 && s.value < 60);
    expect(between.length, 'the bar was seen moving').toBeGreaterThan(2);
    // It only moves forward.
    expect(seen.map((s) => s.value)).toEqual([...seen.map((s) => s.value)].sort((a, b) => a - b));

    const rows = [...m.container.querySelectorAll<HTMLElement>('[data-testid="import-summary-item"]')];
    const outcome = Object.fromEntries(rows.map((r) => [r.dataset.file!, r.dataset.outcome!]));
    const text = Object.fromEntries(rows.map((r) => [r.dataset.file!, r.textContent!]));
    expect(rows).toHaveLength(30);
    expect(Object.values(outcome).filter((o) => o === 'added')).toHaveLength(26);
    expect(text['two-records.yishi.json']).toContain('"原生一", "原生二"');
    expect(outcome['copy-of-03.txt']).toBe('skipped');
    expect(text['copy-of-03.txt']).toContain('identical text is already stored as “meeting-03”');
    expect(outcome['picture.txt']).toBe('refused');
    expect(text['picture.txt']).toContain('is a PNG file, not text');
    expect(outcome['empty.txt']).toBe('refused');
    expect(text['empty.txt']).toContain('“empty.txt” is empty');
    expect(outcome['broken.json']).toBe('refused');
    expect(text['broken.json']).toContain('not valid JSON');
    expect(byTestId(m, 'import-batch').textContent).toContain('Files: 30. Records added: 27; merged: 0; skipped: 1. Files refused: 3.');

    // Every record is listed; the first one added is open.
    await expect.poll(() => titles(m)).toHaveLength(1 + 24 + 1 + 2);
    expect(byTestId(m, 'doc-count').textContent).toBe('28 of 28 records');
    expect(await seriousViolations()).toEqual([]);

    // The summary stays until dismissed.
    await userEvent.click(byTestId(m, 'import-summary-dismiss'));
    await expect.poll(() => m.container.querySelector('[data-testid="import-batch"]')).toBeNull();
  });
});
