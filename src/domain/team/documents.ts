/**
 * The names of a team project's Yjs documents, shared by the server (which authorises by them)
 * and the app (which opens them). One document per project (its records' metadata), one per
 * record's text (uploaded once, immutable, with its hash), one per (record, layer).
 *
 *   yishi/<project>/project
 *   yishi/<project>/record/<record>/text
 *   yishi/<project>/record/<record>/layer/<layer>
 *
 * Ids are [A-Za-z0-9_-]; a layer is a member's name (or `curation`), percent-encoded.
 */

export const CURATION_LAYER = 'curation';

export type TeamDocument =
  | { kind: 'project'; project: string }
  | { kind: 'text'; project: string; record: string }
  | { kind: 'layer'; project: string; record: string; layer: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function documentName(d: TeamDocument): string {
  if (d.kind === 'project') return `yishi/${d.project}/project`;
  if (d.kind === 'text') return `yishi/${d.project}/record/${d.record}/text`;
  return `yishi/${d.project}/record/${d.record}/layer/${encodeURIComponent(d.layer)}`;
}

/** The document a name stands for, or undefined for any name not of this form (refused). */
export function parseDocumentName(name: string): TeamDocument | undefined {
  const parts = name.split('/');
  if (parts[0] !== 'yishi' || !parts[1] || !ID.test(parts[1])) return undefined;
  const project = parts[1];
  if (parts.length === 3 && parts[2] === 'project') return { kind: 'project', project };
  if (parts[2] !== 'record' || !parts[3] || !ID.test(parts[3])) return undefined;
  const record = parts[3];
  if (parts.length === 5 && parts[4] === 'text') return { kind: 'text', project, record };
  if (parts.length === 6 && parts[4] === 'layer' && parts[5]) {
    let layer: string;
    try {
      layer = decodeURIComponent(parts[5]);
    } catch {
      return undefined;
    }
    if (!isMemberName(layer) || encodeURIComponent(layer) !== parts[5]) return undefined;
    return { kind: 'layer', project, record, layer };
  }
  return undefined;
}

/** A member's name: 1–64 characters, no control characters, no slash, not only spaces. */
export function isMemberName(s: string): boolean {
  return s.length > 0 && s.length <= 64 && s.trim() === s && !/[\u0000-\u001f\u007f/\u202a-\u202e\u2066-\u2069]/.test(s);
}
