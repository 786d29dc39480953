/** The label set. Ids are stable (they are what exports carry); names are for people. */
export interface Label {
  id: string;
  /** Chinese name shown in the interface. */
  name: string;
  /** English name, for exports and the legend. */
  nameEn: string;
  /** A colour as #rrggbb. */
  color: string;
  /** The key that applies it (a single character). */
  key: string;
}

export const DEFAULT_LABELS: readonly Label[] = Object.freeze([
  { id: 'proposal', name: '主张', nameEn: 'proposal', color: '#3b6fb6', key: '1' },
  { id: 'problem', name: '问题', nameEn: 'problem', color: '#c0392b', key: '2' },
  { id: 'recommendation', name: '建议', nameEn: 'recommendation', color: '#2e8b57', key: '3' },
  { id: 'response', name: '回应', nameEn: 'response', color: '#b7791f', key: '4' },
]);

export type LabelId = string;

export function labelForKey(labels: readonly Label[], key: string): Label | undefined {
  return labels.find((l) => l.key === key);
}

export function labelById(labels: readonly Label[], id: LabelId): Label | undefined {
  return labels.find((l) => l.id === id);
}
