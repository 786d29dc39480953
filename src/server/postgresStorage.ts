/** Team storage in PostgreSQL (YISHI_DATABASE_URL): several server instances on several machines share it. */
import pg from 'pg';
import type { Member, Role } from '../domain/team/access';
import type { TeamStorage } from './teamStorage';

export async function openPostgresStorage(url: string): Promise<TeamStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS yishi_projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS yishi_members (
      project_id TEXT NOT NULL REFERENCES yishi_projects(id),
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      revoked_at TIMESTAMPTZ,
      PRIMARY KEY (project_id, name)
    );
    CREATE TABLE IF NOT EXISTS yishi_documents (name TEXT PRIMARY KEY, data BYTEA NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
  `);
  return {
    async createProject(id, name) {
      await pool.query('INSERT INTO yishi_projects (id, name) VALUES ($1, $2)', [id, name]);
    },
    async projectExists(id) {
      return (await pool.query('SELECT 1 FROM yishi_projects WHERE id = $1', [id])).rowCount! > 0;
    },
    async upsertMember(project, name, role, tokenHash) {
      await pool.query(
        `INSERT INTO yishi_members (project_id, name, role, token_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (project_id, name) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash, revoked_at = NULL`,
        [project, name, role, tokenHash],
      );
    },
    async revoke(name, project) {
      const r = project
        ? await pool.query('UPDATE yishi_members SET revoked_at = now() WHERE name = $1 AND project_id = $2 AND revoked_at IS NULL', [name, project])
        : await pool.query('UPDATE yishi_members SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL', [name]);
      return r.rowCount ?? 0;
    },
    async memberByTokenHash(tokenHash) {
      const r = await pool.query<{ project_id: string; name: string; role: Role }>('SELECT project_id, name, role FROM yishi_members WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash]);
      const row = r.rows[0];
      return row ? ({ project: row.project_id, name: row.name, role: row.role } satisfies Member) : undefined;
    },
    async fetchDocument(name) {
      const r = await pool.query<{ data: Buffer }>('SELECT data FROM yishi_documents WHERE name = $1', [name]);
      return r.rows[0] ? new Uint8Array(r.rows[0].data) : null;
    },
    async storeDocument(name, state) {
      await pool.query('INSERT INTO yishi_documents (name, data, updated_at) VALUES ($1, $2, now()) ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = now()', [name, Buffer.from(state)]);
    },
    async close() {
      await pool.end();
    },
  };
}
