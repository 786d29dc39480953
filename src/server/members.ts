/**
 * Projects, members and their join tokens. A token is 32 random bytes (256 bits), shown once in
 * the join link and stored only as its SHA-256; revoking a member deletes nothing they made, it
 * only stops the token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ROLES, type Member, type Role } from '../domain/team/access';
import { CURATION_LAYER, isMemberName } from '../domain/team/documents';
import type { TeamStorage } from './storage';

export class TeamError extends Error {
  override name = 'TeamError';
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class Members {
  constructor(private readonly storage: TeamStorage) {}

  async createProject(name: string): Promise<string> {
    if (!name.trim()) throw new TeamError('A project needs a name.');
    const id = randomUUID().replace(/-/g, '').slice(0, 16);
    await this.storage.createProject(id, name.trim());
    return id;
  }

  /** Invites a member (or gives an existing one a new token and role); returns the token, shown once. */
  async invite(project: string, name: string, role: Role): Promise<string> {
    if (!(await this.storage.projectExists(project))) throw new TeamError(`No project with the id "${project}".`);
    if (!isMemberName(name)) throw new TeamError(`"${name}" cannot be a member's name (1–64 characters, no slash or control character, no space at either end).`);
    if (name === CURATION_LAYER) throw new TeamError(`"${CURATION_LAYER}" is the name of the curated layer; choose another name.`);
    if (!ROLES.includes(role)) throw new TeamError(`The role must be one of ${ROLES.join(', ')}, not "${role}".`);
    const token = randomBytes(32).toString('base64url');
    await this.storage.upsertMember(project, name, role, hashToken(token));
    return token;
  }

  revoke(name: string, project?: string): Promise<number> {
    return this.storage.revoke(name, project);
  }

  /** The member a token belongs to, if it is known and not revoked. */
  async memberByToken(token: string): Promise<Member | undefined> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) return undefined;
    return this.storage.memberByTokenHash(hashToken(token));
  }
}
