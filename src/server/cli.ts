/**
 * `npm run team -- <command>`: the team's members and projects, on the data directory the server
 * uses (${YISHI_DATA:-./yishi-data}, or YISHI_DATABASE_URL), whether the server runs or not.
 *
 *   create-project NAME                                   prints the project id
 *   invite PROJECT NAME --role annotator|curator|owner    prints the join link
 *   revoke NAME [--project PROJECT]                       stops that member's link
 */
import type { Role } from '../domain/team/access';
import { configFromEnv } from './config';
import { Members, TeamError } from './members';
import { openStorage } from './storage';

const USAGE = `usage:
  npm run team -- create-project NAME
  npm run team -- invite PROJECT NAME --role annotator|curator|owner
  npm run team -- revoke NAME [--project PROJECT]`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

export async function runTeamCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ out: string; code: number }> {
  const args = [...argv];
  const config = configFromEnv(env);
  const storage = await openStorage(config);
  const members = new Members(storage);
  try {
    const command = args.shift();
    if (command === 'create-project' && args.length >= 1) return { out: await members.createProject(args.join(' ')), code: 0 };
    if (command === 'invite') {
      const role = (option(args, '--role') ?? 'annotator') as Role;
      const [project, ...name] = args;
      if (!project || name.length === 0) return { out: USAGE, code: 2 };
      const token = await members.invite(project, name.join(' '), role);
      const host = env.YISHI_PUBLIC_URL ?? `http://${config.host}:${config.port}/`;
      return { out: `${host.replace(/\/?$/, '/')}#join=${token}`, code: 0 };
    }
    if (command === 'revoke') {
      const project = option(args, '--project');
      const name = args.join(' ');
      if (!name) return { out: USAGE, code: 2 };
      const n = await members.revoke(name, project);
      return n > 0 ? { out: `revoked ${n} link(s) of "${name}"`, code: 0 } : { out: `no active member named "${name}"`, code: 1 };
    }
    return { out: USAGE, code: 2 };
  } catch (e) {
    if (e instanceof TeamError) return { out: e.message, code: 1 };
    throw e;
  } finally {
    await storage.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { out, code } = await runTeamCommand(process.argv.slice(2));
  (code === 0 ? console.log : console.error)(out);
  process.exitCode = code;
}
