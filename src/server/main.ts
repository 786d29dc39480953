/**
 * `npm run server`: the team server on 127.0.0.1:${YISHI_PORT:-8787}, storing in
 * ${YISHI_DATA:-./yishi-data}, serving the built app (dist/) and the sync endpoint on one origin.
 */
import { configFromEnv } from './config';
import { createTeamServer } from './teamServer';

const config = configFromEnv();
// One client's bad message must never stop the server for everyone.
process.on('unhandledRejection', (reason) => console.error(`${new Date().toISOString()} ${config.instance} error ${JSON.stringify(String(reason))}`));
const team = await createTeamServer(config);
const { port } = await team.listen();
console.log(`${new Date().toISOString()} ${config.instance} listening url="http://${config.host}:${port}/" data=${config.databaseUrl ? '"postgres"' : JSON.stringify(config.dataDir)}${config.redisUrl ? ' redis=on' : ''}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Every loaded document is stored before the process ends; a store that hangs does not keep
    // the process alive past 10 s (what a client sent and was not stored, it still has).
    setTimeout(() => process.exit(1), 10_000).unref();
    team.destroy().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`${new Date().toISOString()} ${config.instance} error stopping: ${String(e)}`);
        process.exit(1);
      },
    );
  });
}
