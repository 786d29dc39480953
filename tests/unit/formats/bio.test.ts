/**
 * Character-level BIO: read back by an independent reader written here (lines "char<TAB>tag",
 * blank line between sentences), which decodes the spans; they must be exactly the layer that
 * was kept, and every span left out must be in the report.
 */
import { describe, expect, it } from 'vitest';
import { exportFormat } from '../../../src/io/formats';
import { BIO_FILE } from '../../../src/io/formats/bio';
import type { FormatOptions } from '../../../src/io/formats/types';
import { fixtureInput } from './fixtures';

interface Read {
  sentences: Array<Array<[string, string]>>;
  spans: Array<{ label: string; text: string }>;
}

function readBio(content: string): Read {
  const sentences: Array<Array<[string, string]>> = [];
  let current: Array<[string, string]> = [];
  for (const line of content.split('\n')) {
    if (line === '') {
      if (current.length > 0) sentences.push(current);
      current = [];
      continue;
    }
    const parts = line.split('\t');
    expect(parts, `line ${JSON.stringify(line)}`).toHaveLength(2);
    expect(parts[0]!.length > 0 && !/\s/u.test(parts[0]!)).toBe(true);
    expect(Array.from(parts[0]!)).toHaveLength(1);
    expect(parts[1]).toMatch(/^(O|[BI]-\S+)$/);
    current.push([parts[0]!, parts[1]!]);
  }
  if (current.length > 0) sentences.push(current);
  const spans: Array<{ label: string; text: string }> = [];
  for (const s of sentences) {
    let open: { label: string; text: string } | null = null;
    for (const [ch, tag] of s) {
      if (tag.startsWith('B-')) {
        open = { label: tag.slice(2), text: ch };
        spans.push(open);
      } else if (tag.startsWith('I-')) {
        expect(open?.label, `I- without B- before ${ch}`).toBe(tag.slice(2));
        open!.text += ch;
      } else {
        open = null;
      }
    }
  }
  return { sentences, spans };
}

const run = (options: FormatOptions) => {
  const result = exportFormat('bio').export(fixtureInput(), options);
  const file = result.files.find((f) => f.path === BIO_FILE)!;
  return { ...readBio(file.content as string), report: result.report, content: file.content as string };
};

const noSpace = (s: string): string => s.replace(/\s/gu, '');

describe('BIO export', () => {
  it('writes the outermost layer: every kept span decodes back, whole', () => {
    const { spans } = run({});
    expect(spans).toEqual([
      { label: 'proposal', text: '张委员：𠮷祥物产业要发展，问题是资金不足。建议设立专项基金！' },
      { label: 'proposal', text: '👩‍💻' },
      { label: 'recommendation', text: '要加强人才培养' },
      // Crosses a sentence end and a line break: the sentences are joined, the span is whole.
      { label: 'problem', text: noSpace('下一句；\n第二行继续') },
      { label: 'recommendation', text: '含逗号,和"引号"' },
      { label: 'response', text: '有关部门表示将研究𠮷祥物方案' },
      { label: 'problem', text: noSpace('第二行 有空格') },
      { label: 'response', text: '𠮷𠮷' },
      { label: 'proposal', text: '结束' },
    ]);
  });

  it('lists every dropped span in the report, with the span that hid it', () => {
    const { report } = run({});
    expect(report).toHaveLength(5);
    for (const id of ['a1', 'a2', 'a3', 'a5']) {
      expect(report.some((r) => r.includes(` span ${id} [`) && r.includes('nested in proposal span a4'))).toBe(true);
    }
    expect(report.find((r) => r.includes(' span a6 ['))).toMatch(/overlaps proposal span a4/);
    expect(report.every((r) => r.includes('专题议政会综述') && r.includes('doc-meeting'))).toBe(true);
  });

  it('with a chosen label, writes that layer and reports all the others', () => {
    const { spans, report } = run({ bioLayer: 'problem' });
    expect(spans).toEqual([
      { label: 'problem', text: '问题是资金不足' },
      { label: 'problem', text: noSpace('下一句；\n第二行继续') },
      { label: 'problem', text: '第二行有空格' },
    ]);
    // a5 overlaps a2; the 10 spans of other labels are not the chosen label.
    expect(report.filter((r) => r.includes('not the chosen label problem'))).toHaveLength(10);
    expect(report.find((r) => r.includes(' span a5 ['))).toMatch(/overlaps problem span a2/);
    expect(report).toHaveLength(11);
  });

  it('one code point per line (𠮷 one line, 👩‍💻 three), no white space, sentences split at 。！？； and line breaks', () => {
    const { sentences, content } = run({});
    const chars = sentences.flat().map(([c]) => c);
    const all = fixtureInput().documents.map((d) => noSpace(d.document.text)).join('');
    expect(chars.join('')).toBe(all);
    expect(chars).toContain('\u{20BB7}');
    expect(content).toContain('👩\tB-proposal\n\u200d\tI-proposal\n💻\tI-proposal\n');
    const texts = sentences.map((s) => s.map(([c]) => c).join(''));
    // The closing quote stays with its sentence.
    expect(texts).toContain('👩‍💻程序员说：“要加强人才培养。”');
    expect(texts).toContain('下一句；第二行继续，含逗号,和"引号"。');
    expect(texts).toContain('第一行文字。');
    expect(texts).toContain('##委员观点');
  });

  it('refuses a layer that is not a label', () => {
    expect(() => run({ bioLayer: 'nonsense' })).toThrow(/nonsense/);
  });
});
