/**
 * The Agreement view in Chromium (issue 13): the rows and cells scripts read (data-testid,
 * data-label / data-a / data-b, data-metric with the unrounded data-value) carry exactly what
 * domain/agreement computes; a label nobody used and a single layer say "not defined", never 1 or
 * NaN; three layers get a matrix.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { measureAgreement } from '../../src/app/agreement';
import type { Annotation } from '../../src/domain/annotation';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import type { AnnotatedRecord } from '../../src/domain/record';
import { cp } from '../../src/domain/units';
import { I18nProvider } from '../../src/i18n/context';
import { AgreementDialog } from '../../src/ui/AgreementDialog';

const TEXT = '委员指出：产业链未形成配套。建议加快建设研究院。市政府回应：将推进。';
let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  document.body.innerHTML = '';
});

function span(label: string, start: number, end: number, annotator?: string): Annotation {
  const text = [...TEXT].slice(start, end).join('');
  return { id: `${annotator ?? 'me'}-${label}-${start}`, label, start: cp(start), end: cp(end), text, createdAt: 'x', updatedAt: 'x', ...(annotator ? { annotator } : {}) };
}

function record(annotations: Annotation[]): AnnotatedRecord {
  return { document: { id: 'd1', title: 't', text: TEXT, format: 'plain', createdAt: 'x', updatedAt: 'x', meta: {} } as AnnotatedRecord['document'], annotations };
}

async function show(records: AnnotatedRecord[], language: 'en' | 'zh-CN' = 'en'): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(
    createElement(I18nProvider, { initial: language }, createElement(AgreementDialog, { open: true, onClose() {}, hasRecord: true, labels: DEFAULT_LABELS, load: async () => records, onError: (m: string) => { throw new Error(m); } })),
  );
  await expect.poll(() => container.querySelector('[data-testid="agreement-layers"]')).not.toBeNull();
  return container;
}

describe('the Agreement view', () => {
  it('shows every pair per label and for all labels, with the unrounded measures of domain/agreement', async () => {
    const r = record([
      span('problem', 5, 13), span('recommendation', 14, 23), span('response', 29, 32),
      span('problem', 5, 13, '王芳'), span('recommendation', 16, 23, '王芳'), span('problem', 29, 32, '王芳'),
    ]);
    const view = await show([r]);
    const rows = [...view.querySelectorAll<HTMLElement>('[data-testid="agreement-table"] [data-testid="agreement-row"]')];
    const expected = measureAgreement([r], DEFAULT_LABELS.map((l) => l.id)).rows;
    expect(rows).toHaveLength(expected.length);
    const all = rows.find((x) => x.dataset.label === 'all' && x.dataset.b === '王芳')!;
    expect(all.dataset.a).toBe('my layer');
    const cell = (row: HTMLElement, metric: string) => row.querySelector<HTMLElement>(`[data-metric="${metric}"]`)!.dataset.value;
    const e = expected.find((x) => x.label === 'all' && x.b === '王芳')!;
    expect(Number(cell(all, 'f1-exact'))).toBe(e.exact!.f1);
    expect(Number(cell(all, 'f1-exact'))).toBeCloseTo(1 / 3, 12);
    expect(Number(cell(all, 'f1-overlap'))).toBeCloseTo(2 / 3, 12);
    expect(Number(cell(all, 'alpha-u'))).toBe(e.alpha);
    // α_u for all layers together.
    expect(rows.some((x) => x.dataset.b === '*' && x.dataset.label === 'all')).toBe(true);
    // A label nobody used: not defined, with no number.
    const proposal = rows.find((x) => x.dataset.label === 'proposal' && x.dataset.b === '王芳')!;
    expect(cell(proposal, 'f1-exact')).toBe('');
    expect(proposal.querySelector('[data-metric="f1-exact"]')!.textContent).toContain('not defined');
    expect(view.textContent).not.toMatch(/NaN/);
  });

  it('says "not defined" for a record with one layer, in Chinese too', async () => {
    const view = await show([record([span('problem', 5, 13)])], 'zh-CN');
    expect(view.querySelector('[data-testid="agreement-undefined"]')!.textContent).toContain('无定义');
    expect(view.querySelector('[data-testid="agreement-table"]')).toBeNull();
  });

  it('says there is no layer yet for a record with no span, rather than an empty list', async () => {
    const view = await show([record([])]);
    expect(view.querySelector('[data-testid="agreement-layers"]')!.textContent).toBe('Layers: none yet (no span in this scope)');
  });

  it('draws the pairwise matrix for three layers', async () => {
    const view = await show([record([span('problem', 5, 13), span('problem', 5, 13, 'A'), span('problem', 6, 13, 'B')])]);
    const matrix = view.querySelector('[data-testid="agreement-matrix"]')!;
    expect(matrix.querySelectorAll('tbody tr')).toHaveLength(3);
  });
});
