/** Team storage in one SQLite file (better-sqlite3 12: 13 crashes on Node 20), WAL mode so the command line can write while the server runs. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Member, Role } from '../domain/team/access';
import type { TeamStorage } from './teamStorage';

export function openSqliteStorage(dataDir: string): TeamStorage {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'yishi.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS members (
      project_id TEXT NOT NULL REFERENCES projects(id),
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      revoked_at TEXT,
      PRIMARY KEY (project_id, name)
    );
    CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL, updated_at TEXT NOT NULL);
  `);
  const now = () => new Date().toISOString();
  const q = {
    createProject: db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)'),
    projectExists: db.prepare('SELECT 1 FROM projects WHERE id = ?'),
    upsertMember: db.prepare(
      `INSERT INTO members (project_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (project_id, name) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash, revoked_at = NULL`,
    ),
    revokeIn: db.prepare('UPDATE members SET revoked_at = ? WHERE name = ? AND project_id = ? AND revoked_at IS NULL'),
    revokeAll: db.prepare('UPDATE members SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL'),
    member: db.prepare('SELECT project_id, name, role FROM members WHERE token_hash = ? AND revoked_at IS NULL'),
    fetch: db.prepare('SELECT data FROM documents WHERE name = ?'),
    store: db.prepare('INSERT INTO documents (name, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at'),
  };
  return {
    async createProject(id, name) {
      q.createProject.run(id, name, now());
    },
    async projectExists(id) {
      return q.projectExists.get(id) !== undefined;
    },
    async upsertMember(project, name, role, tokenHash) {
      q.upsertMember.run(project, name, role, tokenHash, now());
    },
    async revoke(name, project) {
      return (project ? q.revokeIn.run(now(), name, project) : q.revokeAll.run(now(), name)).changes;
    },
    async memberByTokenHash(tokenHash) {
      const row = q.member.get(tokenHash) as { project_id: string; name: string; role: Role } | undefined;
      return row ? ({ project: row.project_id, name: row.name, role: row.role } satisfies Member) : undefined;
    },
    async fetchDocument(name) {
      const row = q.fetch.get(name) as { data: Buffer } | undefined;
      return row ? new Uint8Array(row.data) : null;
    },
    async storeDocument(name, state) {
      q.store.run(name, Buffer.from(state), now());
    },
    async close() {
      db.close();
    },
  };
}
