// The annotation list renders each row apart (memoised rows): a change must still show in the
// row it concerns — label, offsets, selection — and the other rows keep their elements.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { Annotation } from '../../src/domain/annotation';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { cp } from '../../src/domain/units';
import { I18nProvider } from '../../src/i18n/context';
import { AnnotationSidebar } from '../../src/ui/AnnotationSidebar';
import '../../src/ui/styles.css';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const at = '2026-01-01T00:00:00.000Z';
const span = (id: string, label: string, start: number, end: number): Annotation => ({
  id,
  label,
  start: cp(start),
  end: cp(end),
  text: `quote ${id}`,
  createdAt: at,
  updatedAt: at,
});

let root: Root | null = null;
let host: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
  host = null;
});

function mount() {
  host = document.createElement('div');
  host.style.cssText = 'height: 700px; width: 340px; display: flex; flex-direction: column';
  document.body.append(host);
  const r = createRoot(host);
  root = r;
  const picked: string[] = [];
  const render = (annotations: readonly Annotation[], selectedId: string | null) =>
    act(() =>
      r.render(
        <I18nProvider initial="en">
          <AnnotationSidebar annotations={annotations} labels={DEFAULT_LABELS} selectedId={selectedId} onPick={(id) => picked.push(id)} />
        </I18nProvider>,
      ),
    );
  const row = (id: string) => host!.querySelector<HTMLElement>(`[data-testid="annotation-item"][data-annotation-id="${id}"]`);
  return { render, row, picked };
}

describe('annotation list', () => {
  const list = [span('a', 'problem', 0, 4), span('b', 'proposal', 10, 20), span('c', 'response', 30, 36)];

  it('shows a relabel, a boundary move and the selection in the changed row only', async () => {
    await page.viewport(1280, 860);
    const { render, row } = mount();
    await render(list, null);
    const [a, b, c] = [row('a')!, row('b')!, row('c')!];
    const aHtml = a.outerHTML;
    const cHtml = c.outerHTML;

    // Relabel b: a new object for b, the same objects for a and c (as the session keeps them).
    const relabelled = [list[0]!, span('b', 'response', 10, 20), list[2]!];
    await render(relabelled, null);
    expect(row('b')!.getAttribute('data-label')).toBe('response');
    expect(row('b')!.querySelector('.yi-chip')!.textContent).toBe('response');

    // Move b's end, then select it.
    const moved = [relabelled[0]!, span('b', 'response', 10, 21), relabelled[2]!];
    await render(moved, null);
    expect(row('b')!.querySelector('.yi-offsets')!.textContent).toBe('10–21');
    await render(moved, 'b');
    expect(row('b')!.getAttribute('aria-current')).toBe('true');
    expect(row('b')!.className).toBe('is-selected');
    await render(moved, 'c');
    expect(row('b')!.hasAttribute('aria-current')).toBe(false);
    expect(row('c')!.getAttribute('aria-current')).toBe('true');

    // The rows not concerned kept their elements, unchanged until c was selected.
    expect(row('a')).toBe(a);
    expect(row('b')).toBe(b);
    expect(row('a')!.outerHTML).toBe(aHtml);
    expect(cHtml).not.toBe(row('c')!.outerHTML);
    expect(row('c')).toBe(c);
  });

  it('moves the rows below an added span down, keeping their elements, and counts it', async () => {
    const { render, row, picked } = mount();
    await render(list, null);
    const c = row('c')!;
    expect(c.style.transform).toBe('translateY(132px)');
    const added = [list[0]!, span('n', 'problem', 5, 8), list[1]!, list[2]!];
    await render(added, 'n');
    expect(row('c')).toBe(c);
    expect(c.style.transform).toBe('translateY(198px)');
    expect(row('n')!.style.transform).toBe('translateY(66px)');
    expect(host!.querySelector('[data-testid="annotation-count"]')!.textContent).toBe('4');
    expect(host!.querySelector('[data-testid="filter-problem"] .yi-count')!.textContent).toBe('2');
    row('n')!.querySelector('button')!.click();
    expect(picked).toEqual(['n']);
  });
});
