/**
 * The team server: Hocuspocus (TipTap's collaboration backend) syncing Yjs documents, with every
 * rule of who may read and write what enforced in its hooks (`domain/team/access.ts`), the Yjs
 * documents stored in SQLite (or PostgreSQL) through Hocuspocus' Database extension, Redis (its Redis extension)
 * when several instances serve one project, and the built app served on the same origin.
 *
 * It logs one line per connection and per refusal, and never a token.
 */
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server, type Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { access, type Member, type RecordFacts } from '../domain/team/access';
import { documentName, parseDocumentName, type TeamDocument } from '../domain/team/documents';
import { LAYERS_MAP, SPANS_MAP, TEXT_MAP, layerKey, readRecordEntry } from '../domain/team/projectDoc';
import type { ServerConfig } from './config';
import { serveApp } from './http';
import { Members } from './members';
import { openStorage, type TeamStorage } from './storage';

interface Context {
  member: Member;
  doc: TeamDocument;
}

export interface TeamServer {
  listen(): Promise<{ port: number }>;
  destroy(): Promise<void>;
}

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The sync sub-type and update of a Hocuspocus message ([name][type][sync type][update]), if it is one. */
function syncPayload(message: Uint8Array): { type: number; payload: Uint8Array } | undefined {
  try {
    const d = decoding.createDecoder(message);
    decoding.readVarString(d);
    if (decoding.readVarUint(d) !== MESSAGE_SYNC) return undefined;
    const type = decoding.readVarUint(d);
    return { type, payload: type === 0 ? new Uint8Array() : decoding.readVarUint8Array(d) };
  } catch {
    return { type: SYNC_UPDATE, payload: message };
  }
}

function isWellFormedUpdate(update: Uint8Array): boolean {
  const error = console.error;
  console.error = () => {}; // Yjs logs what it cannot read; the refusal is logged on its own line
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  } finally {
    console.error = error;
  }
}

export async function createTeamServer(config: ServerConfig, log: (line: string) => void = (l) => console.log(l)): Promise<TeamServer> {
  const store: TeamStorage = await openStorage(config);
  const members = new Members(store);
  const say = (what: string, fields: Record<string, string | number | undefined>) =>
    log(`${new Date().toISOString()} ${config.instance} ${what} ${Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);

  const storage = new Database({
    fetch: ({ documentName }) => store.fetchDocument(documentName),
    store: ({ documentName, state }) => store.storeDocument(documentName, state),
  });

  const extensions: Extension[] = [storage];
  if (config.redisUrl) {
    const url = new URL(config.redisUrl);
    extensions.push(new Redis({ host: url.hostname, port: Number(url.port || 6379), identifier: config.instance, prefix: 'yishi' }));
  }

  // What the rules need to know about a record, read from the documents themselves (through
  // Hocuspocus, so another instance's latest state is seen when Redis is on).
  async function withDocument<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    const connection = await server.hocuspocus.openDirectConnection(name, { server: true });
    try {
      return read(connection.document!);
    } finally {
      await connection.disconnect();
    }
  }
  // A project's document is read at every connection to one of its records: kept open (one
  // direct connection per project) rather than loaded and unloaded a hundred times in a burst.
  const projects = new Map<string, ReturnType<Server['hocuspocus']['openDirectConnection']>>();
  function projectDocument(project: string): ReturnType<Server['hocuspocus']['openDirectConnection']> {
    let open = projects.get(project);
    if (!open) {
      open = server.hocuspocus.openDirectConnection(documentName({ kind: 'project', project }), { server: true });
      projects.set(project, open);
      open.catch(() => projects.delete(project));
    }
    return open;
  }
  async function facts(doc: TeamDocument): Promise<RecordFacts> {
    if (doc.kind === 'project') return { released: false, textStored: false };
    const project = (await projectDocument(doc.project)).document!;
    const released = readRecordEntry(project, doc.record)?.released === true;
    const textStored = doc.kind !== 'text' ? true : await withDocument(documentName(doc), (d) => d.getMap(TEXT_MAP).has('text'));
    return { released, textStored };
  }

  const server: Server = new Server(
    {
      name: config.instance,
      port: config.port,
      address: config.host,
      quiet: true,
      stopOnSignals: false, // main.ts stops it: its kept project connections close first
      debounce: 300,
      maxDebounce: 2000,
      extensions,
      async onAuthenticate({ documentName: name, token, connectionConfig, request }) {
        const remote = request.socket.remoteAddress;
        const doc = parseDocumentName(name);
        if (!doc) {
          say('refused', { reason: 'unknown document', doc: name.slice(0, 200), remote });
          throw new Error('unknown document');
        }
        const member = await members.memberByToken(token);
        if (!member) {
          say('refused', { reason: 'unknown or revoked token', doc: name, remote });
          throw new Error('not authorised');
        }
        const may = access(member, doc, await facts(doc));
        if (may === 'none') {
          say('refused', { reason: 'may not read', project: member.project, member: member.name, role: member.role, doc: name });
          throw new Error('forbidden');
        }
        connectionConfig.readOnly = may === 'read';
        say('connected', { project: member.project, member: member.name, role: member.role, doc: name, scope: may === 'read' ? 'readonly' : 'read-write' });
        return { member, doc } satisfies Context;
      },
      // Awaited before Hocuspocus applies a message (a rejection closes that connection only).
      async beforeHandleMessage({ connection, update, context, documentName: name }) {
        const ctx = context as Context;
        const sync = syncPayload(update);
        if (!sync || (sync.type !== SYNC_STEP_2 && sync.type !== SYNC_UPDATE)) return;
        if (connection.readOnly) {
          if (sync.type === SYNC_UPDATE || !Y.snapshotContainsUpdate(Y.snapshot(connection.document), sync.payload)) {
            say('refused', { reason: 'write to a read-only document', project: ctx.member.project, member: ctx.member.name, doc: name, bytes: sync.payload.length });
          }
          return; // Hocuspocus drops it: it reaches nobody.
        }
        if (!isWellFormedUpdate(sync.payload)) {
          say('refused', { reason: 'malformed update', project: ctx.member.project, member: ctx.member.name, doc: name, bytes: sync.payload.length });
          throw new Error('malformed update');
        }
      },
      async onChange({ documentName: name, context, document }) {
        const ctx = context as Context | undefined;
        const doc = parseDocumentName(name);
        if (!ctx?.member || doc?.kind !== 'layer') return;
        // The project document lists the layers each record has, written by the server only.
        const key = layerKey(doc.record, doc.layer);
        const spans = document.getMap(SPANS_MAP).size;
        const connection = await projectDocument(doc.project);
        await connection.transact((d) => {
          const layers = d.getMap(LAYERS_MAP);
          const known = layers.get(key) as { spans?: number } | undefined;
          if (known?.spans !== spans) layers.set(key, { record: doc.record, layer: doc.layer, spans });
        });
      },
      async onDisconnect({ context, documentName: name }) {
        const ctx = context as Context | undefined;
        if (ctx?.member) say('disconnected', { project: ctx.member.project, member: ctx.member.name, doc: name });
      },
      async onRequest({ request, response }) {
        serveApp(config.distDir, request, response);
        throw null; // handled: no default response
      },
    },
    { maxPayload: config.maxMessageBytes },
  );

  return {
    async listen() {
      await server.listen();
      return { port: server.address.port };
    },
    async destroy() {
      for (const open of projects.values()) await open.then((c) => c.disconnect()).catch(() => undefined);
      await server.destroy();
      await store.close();
    },
  };
}
