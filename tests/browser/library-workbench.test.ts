import { describe, expect, it } from 'vitest';
import { useTemporaryLibraries } from './temporary-libraries';
import type { Annotation } from '../../src/domain/annotation';
import type { MeetingDocument } from '../../src/domain/document';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { retireLabel, setLabelKey } from '../../src/domain/labelSet';
import { cp } from '../../src/domain/units';
import type { StoredRejection } from '../../src/storage/library';

const openLibrary = useTemporaryLibraries();

const T = '2025-01-01T00:00:00.000Z';
function doc(id: string, title: string, text: string): MeetingDocument {
  return { id, title, text, format: 'plain', meta: {}, createdAt: T, updatedAt: T };
}
function ann(id: string, text: string, needle: string, extra: Partial<Annotation> = {}): Annotation {
  const at = Array.from(text.slice(0, text.indexOf(needle))).length;
  return { id, label: 'recommendation', start: cp(at), end: cp(at + Array.from(needle).length), text: needle, createdAt: T, updatedAt: T, ...extra };
}

const A = '马丽娟委员建议建设产业技术研究院。';
const B = '市长廖国勋表示将全面实施链长制。';

describe('Library: the workbench', () => {
  it('stores attributes and relations with the spans and lists the speakers of the whole library', async () => {
    const library = await openLibrary();
    const problem = ann('p', A, '产业技术', { label: 'problem' });
    const rec = ann('r', A, '建设产业技术研究院', { speaker: '马丽娟委员', note: '见附件', links: [{ id: 'l1', type: 'addresses', to: 'p' }] });
    const resp = ann('s', B, '全面实施链长制', { speaker: '市长廖国勋', annotator: '王', origin: { kind: 'rule' } });
    const resp2 = ann('s2', B, '链长制', { speaker: '市长廖国勋' });
    await library.importDocuments([
      { document: doc('a', '第一次', A), annotations: [problem, rec] },
      { document: doc('b', '第二次', B), annotations: [resp, resp2] },
    ]);
    const loaded = await library.loadDocument('a');
    expect(loaded!.annotations.find((a) => a.id === 'r')).toEqual(rec);
    expect((await library.loadDocument('b'))!.annotations.find((a) => a.id === 's')).toEqual(resp);
    expect(await library.listSpeakers()).toEqual(['市长廖国勋', '马丽娟委员']);
  });

  it('edits a record’s details without touching its text, and searches titles, details and text', async () => {
    const library = await openLibrary();
    await library.importDocuments([
      { document: doc('a', '先进制造业专题', A), annotations: [] },
      { document: doc('b', '第二次会议', B), annotations: [] },
    ]);
    const summary = await library.updateDocument('b', {
      title: ' 链长制专题 ',
      meta: { date: '2021-06-15', meeting: '常委会', source: '天津政协', tags: ['工业', 'Manufacturing'], status: 'in_progress' },
    });
    expect(summary).toMatchObject({ title: '链长制专题', meta: { status: 'in_progress', tags: ['工业', 'Manufacturing'] } });
    expect((await library.loadDocument('b'))!.document.text).toBe(B);
    expect([...(await library.searchDocuments('研究院'))]).toEqual(['a']); // full text
    expect([...(await library.searchDocuments('manufacturing 常委会'))]).toEqual(['b']); // tags, case-insensitive, meeting
    expect([...(await library.searchDocuments('专题'))].sort()).toEqual(['a', 'b']); // titles
    expect((await library.searchDocuments('没有的词')).size).toBe(0);
    await expect(library.updateDocument('gone', { title: 'x' })).rejects.toThrow(/gone is not stored/);
  });

  it('deleting a record also forgets the suggestions rejected in it', async () => {
    const library = await openLibrary();
    await library.importDocuments([{ document: doc('a', '甲', A), annotations: [] }, { document: doc('b', '乙', B), annotations: [] }]);
    const rejection = (docText: string, needle: string): StoredRejection => {
      const r = ann('x', docText, needle);
      return { id: `s-${needle}`, label: r.label, start: r.start, end: r.end, text: r.text, source: 'rule', rejectedAt: T };
    };
    await library.rejectSuggestions('a', [rejection(A, '研究院')]);
    await library.rejectSuggestions('b', [rejection(B, '链长制')]);
    await library.deleteDocument('a');
    expect([...(await library.rejectedSuggestions()).keys()]).toEqual(['b']);
  });

  it('stores an edited label set and tells another tab', async () => {
    const name = `yishi-test-${crypto.randomUUID()}`;
    const one = await openLibrary(name);
    const two = await openLibrary(name);
    const heard = new Promise((resolve) => two.onExternalChange((e) => e.kind === 'labels' && resolve(e)));
    const edited = retireLabel(setLabelKey(DEFAULT_LABELS, 'response', '1'), 'proposal');
    await one.saveLabels(edited);
    await heard;
    expect(await two.getLabels()).toEqual(edited);
  });
});
