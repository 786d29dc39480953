import { build } from 'vite';

/** The end-to-end tests drive the built app, exactly what `npm run build` ships. */
export default async function setup(): Promise<void> {
  await build({ logLevel: 'warn' });
}
