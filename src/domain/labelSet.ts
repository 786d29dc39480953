import type { Label } from './labels';

/** Colours for labels added beyond the four defaults (Okabe–Ito, then Paul Tol's muted set). */
const EXTRA_COLORS = ['#56b4e9', '#e69f00', '#882255', '#44aa99', '#999933', '#332288', '#aa4499', '#999999'];

/**
 * The label set with the given label ids added (as found in an imported file): each gets a
 * colour not yet used and the next free key among 5–9 (none once those are taken).
 */
export function withAddedLabels(labels: readonly Label[], ids: readonly string[]): Label[] {
  const next = [...labels];
  for (const id of ids) {
    if (next.some((l) => l.id === id)) continue;
    const color = EXTRA_COLORS.find((c) => !next.some((l) => l.color === c)) ?? '#777777';
    const key = ['5', '6', '7', '8', '9'].find((k) => !next.some((l) => l.key === k)) ?? '';
    next.push({ id, name: id, nameEn: id, color, key });
  }
  return next;
}
