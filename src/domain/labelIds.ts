/**
 * What a label id and a label key may be: one rule for every way a label comes in (the label
 * editor, an import that adds the labels a file uses, a restored backup).
 *
 * An id is what exports carry (brat types, BIO tags, Label Studio's XML config, CSV cells, object
 * keys in stats.json): 1–64 characters, none of them white space, a control or bidirectional
 * control character (U+202E shows the id reversed), a zero-width character, or one of
 * `| , < > & " ' \`` (brat separators and markup); and not a name the suggesters or plain objects
 * use for themselves (`none`, `__proto__`, `constructor`, `prototype`).
 *
 * A key is one character the record view does not already use for something else: not the keys
 * of src/editor/keymap.ts (speaker S, note N, relation R,
 * guideline g, reject x, review j/k, help ?, boundaries [ ], space, /), not white space or a
 * control character, and not a named key (Delete, Enter…), which is more than one character. No
 * two active labels share a key.
 */
import { hasBidiControl } from './textRules';

export const MAX_LABEL_ID_LENGTH = 64;

/** Ids the suggesters and plain objects use for themselves ("none" is the learned model's no-label class). */
export const RESERVED_LABEL_IDS: ReadonlySet<string> = new Set(['none', '__proto__', 'constructor', 'prototype']);

/** Keys the record view and the suggestion list use for other things. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['s', 'n', 'r', 'g', 'x', 'j', 'k', '?', '[', ']', '/', ' ']);

const FORBIDDEN_IN_ID = /[\s|,<>&"'`\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/u;

/** Why `id` cannot be a label id (an English sentence naming it), or undefined. */
export function labelIdProblem(id: string): string | undefined {
  const shown = JSON.stringify(Array.from(id).slice(0, 40).join('') + (Array.from(id).length > 40 ? '…' : ''));
  if (RESERVED_LABEL_IDS.has(id)) return `The label id ${shown} is reserved; choose another`;
  const length = Array.from(id).length;
  if (length === 0 || length > MAX_LABEL_ID_LENGTH) return `A label id needs 1–${MAX_LABEL_ID_LENGTH} characters, found ${length} (${shown})`;
  if (FORBIDDEN_IN_ID.test(id) || hasBidiControl(id)) {
    return `A label id is written without white space, control, bidirectional or zero-width characters and without | , < > & " ' \`, found ${shown}`;
  }
  return undefined;
}

/** Why `key` cannot be a label key, or undefined ('' is no key, always allowed). */
export function labelKeyProblem(key: string): string | undefined {
  if (key === '') return undefined;
  if (Array.from(key).length > 1) return `A label key is one character, found ${JSON.stringify(key)}`;
  if (RESERVED_KEYS.has(key.toLowerCase())) return `The key ${JSON.stringify(key)} is used by the record view for something else`;
  if (/[\s\u0000-\u001f\u007f-\u009f]/u.test(key) || hasBidiControl(key)) return `A label key must be a visible character, found ${JSON.stringify(key)}`;
  return undefined;
}

/** Problems of a whole label set's keys: each bad key, and a key two active labels share. */
export function labelKeysProblems(labels: readonly { id: string; key: string; retired?: boolean }[]): { id: string; problem: string }[] {
  const out: { id: string; problem: string }[] = [];
  const owner = new Map<string, string>();
  for (const l of labels) {
    const bad = labelKeyProblem(l.key);
    if (bad) out.push({ id: l.id, problem: bad });
    else if (l.key !== '' && !l.retired) {
      const first = owner.get(l.key);
      if (first !== undefined) out.push({ id: l.id, problem: `the key ${JSON.stringify(l.key)} is also the key of ${JSON.stringify(first)}` });
      else owner.set(l.key, l.id);
    }
  }
  return out;
}
