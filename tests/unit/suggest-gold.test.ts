import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { BOUNDARY_RULES, LABEL_GUIDELINES } from '../../src/i18n/guideline';
import { parseNative } from '../../src/io/native';

const dir = 'fixtures/gold';
const files = readdirSync(dir).filter((f) => f.endsWith('.gold.yishi.json'));

describe('gold files', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s parses, every span is its code-point slice and follows the boundary rules', (file) => {
    const { documents } = parseNative(readFileSync(`${dir}/${file}`, 'utf8'), file);
    const source = readFileSync(`fixtures/${file.replace('.gold.yishi.json', '.md')}`, 'utf8');
    for (const { document, annotations } of documents) {
      expect(document.text).toBe(source);
      const cps = Array.from(document.text);
      expect(annotations.length).toBeGreaterThan(0);
      for (const a of annotations) {
        expect(cps.slice(a.start, a.end).join('')).toBe(a.text);
        expect(DEFAULT_LABELS.map((l) => l.id)).toContain(a.label);
        expect(a.text).not.toMatch(/^[\s，,。；;]|[\s，,。；;]$/u); // trimmed, no final 。/；
        expect(a.text).not.toMatch(/^\*\*|\*\*$|^#/u); // no Markdown markers
        expect(a.text).not.toMatch(/^“[^“”]*”$/u); // no enclosing quotation marks
      }
    }
  });
});

describe('guideline data', () => {
  it('defines every default label in Chinese and English with examples', () => {
    expect(LABEL_GUIDELINES.map((g) => g.labelId).sort()).toEqual(DEFAULT_LABELS.map((l) => l.id).sort());
    for (const g of LABEL_GUIDELINES) {
      expect(g.definition['zh-CN']).not.toBe('');
      expect(g.definition.en).not.toBe('');
      expect(g.examples.length).toBeGreaterThan(0);
    }
    expect(BOUNDARY_RULES.length).toBeGreaterThan(0);
  });
});
