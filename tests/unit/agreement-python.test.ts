/**
 * The agreement figures against an independent implementation: scripts/agreement.py (standard
 * library Python) computes the same table from two exported files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { agreementTable } from '../../src/domain/agreement/report';
import type { AgreementSpan } from '../../src/domain/agreement/spanMatch';

const dir = mkdtempSync(join(tmpdir(), 'yishi-agreement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LABELS = ['problem', 'recommendation', 'response'];

function nativeFile(name: string, texts: string[], spans: AgreementSpan[][]): string {
  const path = join(dir, `${name}.json`);
  const documents = texts.map((text, i) => ({
    id: `d${i}`,
    title: `d${i}`,
    text,
    annotations: spans[i]!.map((s, k) => ({ id: `${name}${i}-${k}`, label: s.label, start: s.start, end: s.end, annotator: name })),
  }));
  writeFileSync(path, JSON.stringify({ format: 'yishi.annotations', version: 2, offsetUnit: 'codepoint', documents }));
  return path;
}

describe('agreement against scripts/agreement.py', () => {
  it('gives the same F1 and α_u as the Python script on random layers of two records (astral characters included)', () => {
    const texts = ['问题在于𠮷研究院未形成配套；建议加快建设。'.repeat(3), '市政府回应：我们将加快推进。'.repeat(4)];
    const lengths = texts.map((t) => [...t].length);
    const spansArb = (len: number) =>
      fc.array(
        fc.tuple(fc.constantFrom(...LABELS), fc.integer({ min: 0, max: len - 2 }), fc.integer({ min: 1, max: 12 })).map(([label, start, n]) => ({ label, start, end: Math.min(len, start + n) })),
        { maxLength: 8 },
      );
    fc.assert(
      fc.property(spansArb(lengths[0]!), spansArb(lengths[1]!), spansArb(lengths[0]!), spansArb(lengths[1]!), (a0, a1, b0, b1) => {
        const fa = nativeFile('ann', texts, [a0, a1]);
        const fb = nativeFile('bob', texts, [b0, b1]);
        const py = JSON.parse(execFileSync('python3', ['scripts/agreement.py', fa, fb, '--labels', LABELS.join(',')], { encoding: 'utf8' })) as {
          rows: { label: string; f1_exact: number | null; f1_overlap: number | null; alpha_u: number | null }[];
        };
        const records = texts.map((_, i) => ({ length: lengths[i]!, layers: new Map([['ann', [a0, a1][i]!], ['bob', [b0, b1][i]!]]) }));
        const ours = agreementTable(records, ['ann', 'bob'], LABELS).rows.filter((r) => r.b === 'bob');
        for (const p of py.rows) {
          const o = ours.find((r) => r.label === p.label)!;
          expect(o.exact!.f1, `${p.label} exact`).toBe(p.f1_exact);
          expect(o.overlap!.f1, `${p.label} overlap`).toBe(p.f1_overlap);
          if (p.alpha_u === null) expect(o.alpha).toBeNull();
          else expect(o.alpha!).toBeCloseTo(p.alpha_u, 9);
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000); // twenty runs of python3: well under a second each on a quiet machine
});
