/**
 * Tells other tabs (other Library instances over the same database) that something was written.
 * A thin wrapper over BroadcastChannel; a no-op where BroadcastChannel does not exist.
 */

export interface SyncEvent {
  /** The record that changed, if the change concerns one record. */
  docId?: string;
  kind: 'annotations' | 'documents' | 'labels';
}

interface SyncMessage {
  origin: string;
  event: SyncEvent;
}

export function syncChannelName(dbName: string): string {
  return `yishi-sync:${dbName}`;
}

function isSyncMessage(data: unknown): data is SyncMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { origin, event } = data as { origin?: unknown; event?: unknown };
  if (typeof origin !== 'string' || typeof event !== 'object' || event === null) return false;
  const { kind, docId } = event as { kind?: unknown; docId?: unknown };
  return (kind === 'annotations' || kind === 'documents' || kind === 'labels') && (docId === undefined || typeof docId === 'string');
}

function newOriginId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class SyncChannel {
  /** Identifies this instance; its own messages are ignored. */
  readonly origin = newOriginId();
  private readonly channel: BroadcastChannel | undefined;
  private readonly listeners = new Set<(event: SyncEvent) => void>();

  constructor(dbName: string) {
    if (typeof BroadcastChannel === 'undefined') return;
    try {
      this.channel = new BroadcastChannel(syncChannelName(dbName));
    } catch {
      return;
    }
    this.channel.onmessage = (message: MessageEvent<unknown>) => {
      const data = message.data;
      if (!isSyncMessage(data) || data.origin === this.origin) return;
      const event: SyncEvent =
        data.event.docId === undefined ? { kind: data.event.kind } : { kind: data.event.kind, docId: data.event.docId };
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (error) {
          // One failing listener must not keep the others from hearing of the change.
          if (typeof reportError === 'function') reportError(error);
          else console.error(error);
        }
      }
    };
  }

  post(event: SyncEvent): void {
    if (!this.channel) return;
    const message: SyncMessage = { origin: this.origin, event };
    try {
      this.channel.postMessage(message);
    } catch {
      // Closed channel: nothing to tell.
    }
  }

  subscribe(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.listeners.clear();
    if (!this.channel) return;
    this.channel.onmessage = null;
    this.channel.close();
  }
}
