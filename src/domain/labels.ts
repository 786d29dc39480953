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
  /**
   * A retired label is kept (spans that carry it keep it, exports still name it) but is no
   * longer offered for tagging and has no key. Absent means active.
   */
  retired?: boolean;
}

export const DEFAULT_LABELS: readonly Label[] = Object.freeze([
  // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
  { id: 'proposal', name: '主张', nameEn: 'proposal', color: '#0072b2', key: '1' },
  { id: 'problem', name: '问题', nameEn: 'problem', color: '#d55e00', key: '2' },
  { id: 'recommendation', name: '建议', nameEn: 'recommendation', color: '#009e73', key: '3' },
  { id: 'response', name: '回应', nameEn: 'response', color: '#cc79a7', key: '4' },
]);

export type LabelId = string;

export function labelForKey(labels: readonly Label[], key: string): Label | undefined {
  return labels.find((l) => l.key === key && !l.retired);
}

/** The labels offered for tagging (the label bar, the keys). */
export function activeLabels(labels: readonly Label[]): Label[] {
  return labels.filter((l) => !l.retired);
}

export function labelById(labels: readonly Label[], id: LabelId): Label | undefined {
  return labels.find((l) => l.id === id);
}
