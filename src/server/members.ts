/**
 * Projects, members and their join tokens, in the data directory's SQLite database (better-sqlite3:
 * synchronous, so the command line and the server can share the file, the server running or not).
 * A token is 32 random bytes (256 bits), shown once in the join link and stored only as its
 * SHA-256; revoking a member deletes nothing they made, it only stops the token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROLES, type Member, type Role } from '../domain/team/access';
import { isMemberName } from '../domain/team/documents';

export class TeamError extends Error {
  override name = 'TeamError';
}

export function openTeamDatabase(dataDir: string): Database.Database {
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
  return db;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class Members {
  constructor(private readonly db: Database.Database) {}

  createProject(name: string): string {
    if (!name.trim()) throw new TeamError('A project needs a name.');
    const id = randomUUID().replace(/-/g, '').slice(0, 16);
    this.db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)').run(id, name.trim(), new Date().toISOString());
    return id;
  }

  projectExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(id) !== undefined;
  }

  /** Invites a member (or gives an existing one a new token and role); returns the token, shown once. */
  invite(project: string, name: string, role: Role): string {
    if (!this.projectExists(project)) throw new TeamError(`No project with the id "${project}".`);
    if (!isMemberName(name)) throw new TeamError(`"${name}" cannot be a member's name (1–64 characters, no slash or control character, no space at either end).`);
    if (name === 'curation') throw new TeamError('"curation" is the name of the curated layer; choose another name.');
    if (!ROLES.includes(role)) throw new TeamError(`The role must be one of ${ROLES.join(', ')}, not "${role}".`);
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare(
        `INSERT INTO members (project_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (project_id, name) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash, revoked_at = NULL`,
      )
      .run(project, name, role, hashToken(token), new Date().toISOString());
    return token;
  }

  /** Revokes the member of that name (in one project, or in every project); returns how many. */
  revoke(name: string, project?: string): number {
    const now = new Date().toISOString();
    const r = project
      ? this.db.prepare('UPDATE members SET revoked_at = ? WHERE name = ? AND project_id = ? AND revoked_at IS NULL').run(now, name, project)
      : this.db.prepare('UPDATE members SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(now, name);
    return r.changes;
  }

  /** The member a token belongs to, if it is known and not revoked. */
  memberByToken(token: string): Member | undefined {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) return undefined;
    const row = this.db.prepare('SELECT project_id, name, role FROM members WHERE token_hash = ? AND revoked_at IS NULL').get(hashToken(token)) as
      | { project_id: string; name: string; role: Role }
      | undefined;
    return row ? { project: row.project_id, name: row.name, role: row.role } : undefined;
  }
}
