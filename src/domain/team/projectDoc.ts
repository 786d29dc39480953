/**
 * What the Yjs documents of a team project hold (shared by the server and the app).
 *
 * - the project document: `records` (record id → RecordEntry, written by whoever shares or
 *   releases a record) and `layers` (`record/layer` → LayerEntry, written by the server alone when
 *   a layer changes, so a curator learns which layers exist without reading them);
 * - a record's text document: `record` map with `text`, `hash` (SHA-256 of the text's UTF-8, hex)
 *   and `title`, written once;
 * - a layer document: `spans` (annotation id → the annotation, as stored).
 */
import type * as Y from 'yjs';

export const RECORDS_MAP = 'records';
export const LAYERS_MAP = 'layers';
export const TEXT_MAP = 'record';
export const SPANS_MAP = 'spans';

export interface RecordEntry {
  readonly title: string;
  readonly hash: string;
  readonly sharedBy: string;
  readonly sharedAt: string;
  readonly released?: boolean;
  readonly releasedBy?: string;
  readonly releasedAt?: string;
}

export interface LayerEntry {
  readonly record: string;
  readonly layer: string;
  readonly spans: number;
}

export function layerKey(record: string, layer: string): string {
  return `${record}/${layer}`;
}

export function readRecordEntry(doc: Y.Doc, record: string): RecordEntry | undefined {
  const v = doc.getMap(RECORDS_MAP).get(record);
  return typeof v === 'object' && v !== null ? (v as RecordEntry) : undefined;
}
