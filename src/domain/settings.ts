/**
 * The library's settings, one registry: each key with its type, the value used when none is
 * stored (or what is stored cannot be read), the parser that reads a stored value, and whether a
 * backup of the whole library carries it. Storage reads and writes settings only through it
 * (storage/settings.ts), so a bad stored value gives the default, never a crash.
 */
import { isRecord } from './json';
import type { Label } from './labels';
import type { SnapMode } from './snap';

/** The type of each setting. */
export interface SettingTypes {
  /** The analyst's name, stamped on every new annotation. */
  annotator: string;
  /** How a new span's ends snap. */
  snapMode: SnapMode;
  /** How wide the text column may grow (the reading measure); a display choice of this browser. */
  readingMeasure: ReadingMeasure;
  /** The interface language the analyst chose (a Language of i18n/messages.ts); undefined: the browser's. */
  language: string | undefined;
  /** The record open when the page was last left. */
  lastOpenDocId: string | undefined;
  /** Whether the sample record was put into the library once (it is never put in again). */
  sampleSeeded: boolean;
  /** A batch import under way: its files and those finished. Left behind when the page went away in the middle. */
  pendingImport: PendingImport | undefined;
  /** The edited label set; undefined while the defaults are in use. It travels in a backup as the file's labels. */
  labels: Label[] | undefined;
}

export type SettingKey = keyof SettingTypes;

/** A batch import's progress as stored while it runs (file names in the order chosen). */
export interface PendingImport {
  startedAt: string;
  files: string[];
  done: string[];
}

/** The text column's greatest width: about 30, 40 or 56 characters a line, or the reader's whole width. */
export type ReadingMeasure = 'narrow' | 'medium' | 'wide' | 'full';
export const READING_MEASURES: readonly ReadingMeasure[] = ['narrow', 'medium', 'wide', 'full'];

export interface SettingSpec<T> {
  /** The value when none is stored, or what is stored is not a T. */
  readonly fallback: T;
  /** A stored value read as a T, or undefined when it is not one. */
  readonly parse: (stored: unknown) => T | undefined;
  /** Whether a backup of the whole library carries it (and a restore brings it back). */
  readonly inBackup: boolean;
}

const aString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const aBoolean = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const SNAP_MODES: readonly SnapMode[] = ['none', 'clause', 'word'];
const aSnapMode = (v: unknown): SnapMode | undefined => SNAP_MODES.find((m) => m === v);
const aReadingMeasure = (v: unknown): ReadingMeasure | undefined => READING_MEASURES.find((m) => m === v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const aPendingImport = (v: unknown): PendingImport | undefined =>
  isRecord(v) && typeof v.startedAt === 'string' && strings(v.files) && strings(v.done) ? { startedAt: v.startedAt, files: v.files, done: v.done } : undefined;
const aLabelSet = (v: unknown): Label[] | undefined =>
  Array.isArray(v) && v.length > 0 && v.every((l) => isRecord(l) && typeof l.id === 'string' && typeof l.name === 'string')
    ? (v as Label[])
    : undefined;

export const SETTINGS: { readonly [K in SettingKey]: SettingSpec<SettingTypes[K]> } = {
  annotator: { fallback: '', parse: aString, inBackup: true },
  snapMode: { fallback: 'none', parse: aSnapMode, inBackup: true },
  readingMeasure: { fallback: 'medium', parse: aReadingMeasure, inBackup: false },
  language: { fallback: undefined, parse: (v) => (aString(v) ? (v as string) : undefined), inBackup: true },
  lastOpenDocId: { fallback: undefined, parse: aString, inBackup: false },
  sampleSeeded: { fallback: false, parse: aBoolean, inBackup: false },
  pendingImport: { fallback: undefined, parse: aPendingImport, inBackup: false },
  labels: { fallback: undefined, parse: aLabelSet, inBackup: false },
};

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** A stored value (undefined: none stored) read as the setting's type: the fallback when it is not one. */
export function settingValue<K extends SettingKey>(key: K, stored: unknown): SettingTypes[K] {
  const spec: SettingSpec<SettingTypes[K]> = SETTINGS[key];
  if (stored === undefined) return spec.fallback;
  return spec.parse(stored) ?? spec.fallback;
}

/** The settings a backup carries, in registry order. */
export const BACKUP_SETTINGS: readonly SettingKey[] = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].inBackup);
