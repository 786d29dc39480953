/** The team server's settings, from the environment (the contract the README and the checks use). */
import { resolve } from 'node:path';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** The data directory: the SQLite database (members, projects, Yjs documents). */
  readonly dataDir: string;
  /** The built app served on the same origin as the sync endpoint. */
  readonly distDir: string;
  /** PostgreSQL instead of SQLite for the Yjs documents (a real deployment). */
  readonly databaseUrl: string | undefined;
  /** Redis, to run several instances behind one address. */
  readonly redisUrl: string | undefined;
  /** A name for this instance in the log (and Redis' identifier). */
  readonly instance: string;
  /** The largest WebSocket message accepted, in bytes: a larger update closes that connection. */
  readonly maxMessageBytes: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.YISHI_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`YISHI_PORT must be a port number (0–65535), not "${env.YISHI_PORT}".`);
  return {
    host: env.YISHI_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(env.YISHI_DATA ?? './yishi-data'),
    distDir: resolve(env.YISHI_DIST ?? './dist'),
    databaseUrl: env.YISHI_DATABASE_URL || undefined,
    redisUrl: env.YISHI_REDIS_URL || undefined,
    instance: env.YISHI_INSTANCE ?? `yishi-${process.pid}`,
    maxMessageBytes: Number(env.YISHI_MAX_MESSAGE_BYTES ?? 8 * 1024 * 1024),
  };
}
