// Issue 17 item 8: a response in a chain read "↳ 回应 回应 …" — the relation type and the span's
// label have the same name in Chinese; the list names it once.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import { DEFAULT_LABELS } from '../../src/domain/labels';
import { cp } from '../../src/domain/units';
import { I18nProvider } from '../../src/i18n/context';
import { RelationList } from '../../src/ui/RelationList';
import '../../src/ui/styles.css';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const at = '2026-01-01T00:00:00.000Z';
const span = (id: string, label: string, text: string, links?: Annotation['links']): Annotation => ({
  id, label, start: cp(0), end: cp(text.length), text, createdAt: at, updatedAt: at, ...(links ? { links } : {}),
});

describe('relation list', () => {
  it('names a response in a chain once, not "回应 回应"', () => {
    const annotations = [
      span('p', 'problem', '停车难'),
      span('r', 'recommendation', '建议增设停车位', [{ id: 'l1', type: 'addresses', to: 'p' }]),
      span('s', 'response', '已新增车位三百个', [{ id: 'l2', type: 'responds_to', to: 'r' }]),
    ];
    const find = (id: string) => annotations.find((a) => a.id === id);
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        <I18nProvider initial="zh-CN">
          <RelationList annotations={annotations} find={find} labels={DEFAULT_LABELS} onPick={() => {}} />
        </I18nProvider>,
      ),
    );
    const response = host.querySelector<HTMLElement>('[data-testid="relation-item"][data-type="responds_to"]')!;
    expect(response.textContent).toContain('已新增车位三百个');
    expect(response.textContent!.match(/回应/g)).toHaveLength(1);
    // The relation's type is still told (to a pointer and a screen reader).
    expect(response.querySelector('.yi-relation-type')!.getAttribute('title')).toBe('回应');
    const addresses = host.querySelector<HTMLElement>('[data-testid="relation-item"][data-type="addresses"]')!;
    expect(addresses.textContent).toContain('针对');
    act(() => root.unmount());
    host.remove();
  });
});
