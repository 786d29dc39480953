/** What the team server keeps, and where: the interface its SQLite and PostgreSQL stores implement. */
import type { Member, Role } from '../domain/team/access';

export interface TeamStorage {
  createProject(id: string, name: string): Promise<void>;
  projectExists(id: string): Promise<boolean>;
  /** Adds a member, or gives an existing one a new token and role (and lifts a revocation). */
  upsertMember(project: string, name: string, role: Role, tokenHash: string): Promise<void>;
  /** Revokes the member's token (in one project or in all); returns how many were revoked. */
  revoke(name: string, project?: string): Promise<number>;
  memberByTokenHash(tokenHash: string): Promise<Member | undefined>;
  fetchDocument(name: string): Promise<Uint8Array | null>;
  storeDocument(name: string, state: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
