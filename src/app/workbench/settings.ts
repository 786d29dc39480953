/**
 * The analyst's settings the workbench keeps, read in one place through the typed registry
 * (domain/settings.ts: each key's parser and default; a stored value of the wrong type reads as
 * the default).
 */
import { DEFAULT_LABELS, type Label } from '../../domain/labels';
import { settingValue, type PendingImport, type ReadingMeasure } from '../../domain/settings';
import type { SnapMode } from '../../domain/snap';
import type { Library } from '../../storage/library';

export const SETTING_KEYS = {
  annotator: 'annotator',
  snapMode: 'snapMode',
  readingMeasure: 'readingMeasure',
  pendingImport: 'pendingImport',
  language: 'language',
  lastOpen: 'lastOpenDocId',
} as const;

export interface StoredSettings {
  labels: readonly Label[];
  annotator: string;
  snapMode: SnapMode;
  readingMeasure: ReadingMeasure;
  language: string | undefined;
  lastOpen: string | undefined;
  pendingImport: PendingImport | undefined;
}

/** One that cannot be read is its default: the interface still starts. */
async function read(library: Library, key: string): Promise<unknown> {
  return library.getSetting<unknown>(key).catch(() => undefined);
}

export async function readSettings(library: Library): Promise<StoredSettings> {
  return {
    labels: (await library.getLabels().catch(() => undefined)) ?? DEFAULT_LABELS,
    annotator: settingValue('annotator', await read(library, SETTING_KEYS.annotator)),
    snapMode: settingValue('snapMode', await read(library, SETTING_KEYS.snapMode)),
    readingMeasure: settingValue('readingMeasure', await read(library, SETTING_KEYS.readingMeasure)),
    language: settingValue('language', await read(library, SETTING_KEYS.language)),
    lastOpen: settingValue('lastOpenDocId', await read(library, SETTING_KEYS.lastOpen)),
    pendingImport: settingValue('pendingImport', await read(library, SETTING_KEYS.pendingImport)),
  };
}
