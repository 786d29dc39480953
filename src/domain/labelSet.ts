import type { Label } from './labels';
import { labelIdProblem, labelKeyProblem } from './labelIds';

/** Colours for labels added beyond the four defaults (Okabe–Ito, then Paul Tol's muted set). */
const EXTRA_COLORS = ['#56b4e9', '#e69f00', '#882255', '#44aa99', '#999933', '#332288', '#aa4499', '#999999'];

/**
 * The label set with the given label ids added (as found in an imported file): each gets a
 * colour not yet used and the next free key among 5–9 (none once those are taken).
 */
export function withAddedLabels(labels: readonly Label[], ids: readonly string[]): Label[] {
  const next = [...labels];
  for (const id of ids) {
    // The last gate of every way in: no stored label has an id the label editor would refuse.
    const bad = labelIdProblem(id);
    if (bad) throw new RangeError(bad);
    if (next.some((l) => l.id === id)) continue;
    const color = EXTRA_COLORS.find((c) => !next.some((l) => l.color === c)) ?? '#777777';
    const key = ['5', '6', '7', '8', '9'].find((k) => !next.some((l) => l.key === k)) ?? '';
    next.push({ id, name: id, nameEn: id, color, key });
  }
  return next;
}

/**
 * The one rule for bringing labels from elsewhere (an imported file's label ids, a backup's label
 * set) into a stored set: a label whose id is stored is left as stored; each other one is added
 * with a colour and key free in the set (withAddedLabels), its names from where it came (its id
 * when only an id is known), and retired (without a key) if it was retired there. Returns the set
 * and the ids added, in the order given.
 */
export function mergeLabelSet(stored: readonly Label[], incoming: readonly (string | Label)[]): { labels: Label[]; added: string[] } {
  const missing = new Map<string, Label | undefined>();
  for (const item of incoming) {
    const id = typeof item === 'string' ? item : item.id;
    if (!stored.some((l) => l.id === id) && !missing.has(id)) missing.set(id, typeof item === 'string' ? undefined : item);
  }
  const labels = withAddedLabels(stored, [...missing.keys()]).map((l) => {
    const from = missing.get(l.id);
    return from ? { ...l, name: from.name, nameEn: from.nameEn, ...(from.retired && { retired: true, key: '' }) } : l;
  });
  return { labels, added: [...missing.keys()] };
}

// ---------------------------------------------------------------------------------------------
// Editing the label set. Each function returns a new array and refuses (RangeError, naming the
// value) what would make the set unusable; ids never change, since stored spans and exports
// refer to them.

const COLOR = /^#[0-9a-fA-F]{6}$/;
// What an id and a key may be: domain/labelIds.ts, the one rule for every way in.
export { RESERVED_KEYS } from './labelIds';

function indexOfLabel(labels: readonly Label[], id: string): number {
  const at = labels.findIndex((l) => l.id === id);
  if (at < 0) throw new RangeError(`No label with the id ${JSON.stringify(id)} in the set (${labels.map((l) => l.id).join(', ')})`);
  return at;
}

function replaced(labels: readonly Label[], at: number, label: Label): Label[] {
  const next = [...labels];
  next[at] = label;
  return next;
}

export function addLabel(labels: readonly Label[], id: string, name: string, nameEn = id): Label[] {
  const bad = labelIdProblem(id);
  if (bad) throw new RangeError(bad);
  if (labels.some((l) => l.id === id)) throw new RangeError(`A label with the id ${JSON.stringify(id)} exists already`);
  const next = withAddedLabels(labels, [id]);
  const at = next.length - 1;
  return replaced(next, at, { ...next[at]!, name: name.trim() || id, nameEn: nameEn.trim() || id });
}

export function renameLabel(labels: readonly Label[], id: string, names: { name?: string; nameEn?: string }): Label[] {
  const at = indexOfLabel(labels, id);
  const name = names.name?.trim();
  const nameEn = names.nameEn?.trim();
  if (name === '' || nameEn === '') throw new RangeError(`A label's name cannot be empty (label ${id})`);
  return replaced(labels, at, { ...labels[at]!, ...(name && { name }), ...(nameEn && { nameEn }) });
}

export function recolourLabel(labels: readonly Label[], id: string, color: string): Label[] {
  if (!COLOR.test(color)) throw new RangeError(`A colour is #rrggbb, found ${JSON.stringify(color)}`);
  const at = indexOfLabel(labels, id);
  return replaced(labels, at, { ...labels[at]!, color: color.toLowerCase() });
}

/**
 * Gives a label a key (one character; '' for none). A key another label has is swapped: that
 * label gets this label's old key, so no key is lost or doubled.
 */
export function setLabelKey(labels: readonly Label[], id: string, key: string): Label[] {
  const bad = labelKeyProblem(key);
  if (bad) throw new RangeError(bad);
  const at = indexOfLabel(labels, id);
  if (labels[at]!.retired && key) throw new RangeError(`The label ${id} is retired: restore it before giving it a key`);
  const old = labels[at]!.key;
  return labels.map((l, i) => (i === at ? { ...l, key } : key && l.key === key ? { ...l, key: old } : l));
}

/** Retires a label: kept for the spans that carry it, no longer offered, its key freed. */
export function retireLabel(labels: readonly Label[], id: string): Label[] {
  const at = indexOfLabel(labels, id);
  if (labels.filter((l) => !l.retired).length === 1 && !labels[at]!.retired) {
    throw new RangeError(`${id} is the last active label: add another before retiring it`);
  }
  return replaced(labels, at, { ...labels[at]!, retired: true, key: '' });
}

/** Brings a retired label back, with the first free key among 1–9 (or none). */
export function restoreLabel(labels: readonly Label[], id: string): Label[] {
  const at = indexOfLabel(labels, id);
  const { retired: _retired, ...label } = labels[at]!;
  const key = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].find((k) => !labels.some((l) => l.key === k)) ?? '';
  return replaced(labels, at, { ...label, key });
}
