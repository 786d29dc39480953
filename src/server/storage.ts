/**
 * Where the team server keeps projects, members (token hashes) and Yjs documents: SQLite in the
 * data directory by default, PostgreSQL when YISHI_DATABASE_URL is set (several machines). The
 * command line and the server use the same storage, the server running or not.
 */
import type { Member, Role } from '../domain/team/access';
import type { ServerConfig } from './config';

export interface TeamStorage {
  readonly kind: 'sqlite' | 'postgres';
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

export async function openStorage(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<TeamStorage> {
  if (config.databaseUrl) {
    const { openPostgresStorage } = await import('./postgresStorage');
    return openPostgresStorage(config.databaseUrl);
  }
  const { openSqliteStorage } = await import('./sqliteStorage');
  return openSqliteStorage(config.dataDir);
}
