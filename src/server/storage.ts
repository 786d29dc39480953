/**
 * Where the team server keeps projects, members (token hashes) and Yjs documents: SQLite in the
 * data directory by default, PostgreSQL when YISHI_DATABASE_URL is set (several machines). The
 * command line and the server use the same storage, the server running or not.
 */
import type { TeamStorage } from './teamStorage';
import type { ServerConfig } from './config';

export type { TeamStorage } from './teamStorage';

export async function openStorage(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<TeamStorage> {
  if (config.databaseUrl) {
    const { openPostgresStorage } = await import('./postgresStorage');
    return openPostgresStorage(config.databaseUrl);
  }
  const { openSqliteStorage } = await import('./sqliteStorage');
  return openSqliteStorage(config.dataDir);
}
