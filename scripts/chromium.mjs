/**
 * Where the Debian Chromium lives, and the flags that keep it headless, quiet and offline.
 * Shared by the Vitest browser project, the end-to-end tests and the screenshot script.
 * Override the executable with CHROMIUM_PATH on machines that keep it elsewhere.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
