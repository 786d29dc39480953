/**
 * Who may read and write which document of a team project: the one rule the server enforces in
 * its authentication hook (and the app mirrors, so it refuses a write before the server has to).
 *
 * - owner: every document (members and records are theirs);
 * - curator: the project document (to release a record), every text, the curation layer; the
 *   other layers of a record only once it is released for curation, and then read-only;
 * - annotator: the project document and every text read-only, their own layer read-write, the
 *   curation layer read-only once the record is released; nobody else's layer (blind annotation).
 * A text is written once: whoever may write it may do so only while it is empty.
 */
import { CURATION_LAYER, type TeamDocument } from './documents';

export type Role = 'owner' | 'curator' | 'annotator';
export const ROLES: readonly Role[] = ['owner', 'curator', 'annotator'];
export type Access = 'none' | 'read' | 'write';

export interface Member {
  readonly project: string;
  readonly name: string;
  readonly role: Role;
}

export interface RecordFacts {
  /** Whether the record has been released for curation. */
  readonly released: boolean;
  /** Whether the record's text document already holds its text. */
  readonly textStored: boolean;
}

export function access(member: Member, doc: TeamDocument, facts: RecordFacts): Access {
  if (doc.project !== member.project) return 'none';
  if (doc.kind === 'project') return member.role === 'annotator' ? 'read' : 'write';
  if (doc.kind === 'text') return member.role !== 'annotator' && !facts.textStored ? 'write' : 'read';
  if (member.role === 'owner') return 'write';
  if (doc.layer === CURATION_LAYER) {
    if (member.role === 'curator') return 'write';
    return facts.released ? 'read' : 'none';
  }
  if (member.role === 'annotator') return doc.layer === member.name ? 'write' : 'none';
  return facts.released ? 'read' : 'none';
}
