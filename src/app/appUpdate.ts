/**
 * A new version of the app, as the service worker reports it (vite-plugin-pwa's prompt flow,
 * registered in main.tsx). The new service worker waits; the interface offers it once no write is
 * pending and switches to it only on the analyst's word: `accept` waits for the pending writes,
 * then tells the waiting worker to take over, and every tab of the old version reloads once its
 * own writes are done (`reloadWhenIdle`), so no tab runs old code against the new worker's caches.
 */
export interface UpdateOffer {
  /** Tells the waiting service worker to take over (it then controls every tab). */
  activate(): Promise<void>;
}

type Listener = () => void;

let offer: UpdateOffer | null = null;
const listeners = new Set<Listener>();
/** Resolves once this tab has no write pending; the interface sets it (the open record's queue). */
let idle: () => Promise<void> = () => Promise.resolve();

export function offerUpdate(next: UpdateOffer): void {
  offer = next;
  for (const l of listeners) l();
}

export function currentUpdate(): UpdateOffer | null {
  return offer;
}

export function subscribeUpdate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setIdleCheck(check: () => Promise<void>): void {
  idle = check;
}

export function whenIdle(): Promise<void> {
  return idle();
}

/** The analyst said yes: once nothing is being written, the new version takes over. */
export async function acceptUpdate(): Promise<void> {
  const chosen = offer;
  if (!chosen) return;
  await idle();
  await chosen.activate();
}

let reloading: Promise<void> | null = null;

/** The new version controls this tab now: reload (once) when this tab's writes are done. */
export function reloadWhenIdle(reload: () => void = () => window.location.reload()): Promise<void> {
  reloading ??= idle().then(reload);
  return reloading;
}

/** For tests: forget the offer and the idle check. */
export function resetUpdate(): void {
  offer = null;
  reloading = null;
  idle = () => Promise.resolve();
  for (const l of listeners) l();
}
