/** Issue 17 item 4: each format downloads under its own name, so one record's exports never collide. */
import { describe, expect, it } from 'vitest';
import { runExportRequest } from '../../src/app/exportJob';
import { EXPORT_FORMATS, type FormatId } from '../../src/io/formats';
import { fixtureInput } from './formats/fixtures';

const nameOf = (formats: FormatId[]): string =>
  runExportRequest({ formats, input: fixtureInput(), options: {}, baseName: '提案 12' }).fileName;

describe('export download names', () => {
  it('names each single-format download <title>.<format>.<ext>', () => {
    expect(nameOf(['labelstudio'])).toBe('提案 12.labelstudio.zip');
    expect(nameOf(['brat'])).toBe('提案 12.brat.zip');
    expect(nameOf(['jsonl'])).toBe('提案 12.jsonl.zip');
    expect(nameOf(['csv'])).toBe('提案 12.csv');
    expect(nameOf(['doccano'])).toBe('提案 12.doccano.jsonl');
    expect(nameOf(['json'])).toBe('提案 12.yishi.json');
    expect(nameOf(['w3c'])).toBe('提案 12.w3c.jsonld');
    expect(nameOf(['summary-html'])).toBe('提案 12.summary.html');
    expect(nameOf(['summary-md'])).toBe('提案 12.summary.md');
  });

  it('gives every export format of one record a different name', () => {
    const names = EXPORT_FORMATS.map((f) => nameOf([f.id]));
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps a multi-format export as <title>.zip', () => {
    expect(nameOf(['csv', 'brat'])).toBe('提案 12.zip');
  });
});
