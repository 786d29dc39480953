/**
 * Migrations of the native format: MIGRATIONS[n] turns a version-n file into a version-(n+1)
 * file. Contiguous, never edited once shipped; each has a frozen version-n fixture
 * (fixtures/native/) and a test. The list is checked when it is defined (every step from the
 * first version to NATIVE_VERSION present, no other), so a gap fails on load, not on a file.
 */
import { isRecord, own } from '../../domain/json';
import { NATIVE_FORMAT, NATIVE_VERSION } from './format';

type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

/** The first version Yishi ever wrote: migrations start here. */
export const FIRST_NATIVE_VERSION = 1;

/**
 * Checks a migration list as it is defined: a step for every version from `first` to
 * `current - 1` and no other, so a missing or stray step fails when the module loads.
 */
export function defineMigrations(steps: Readonly<Record<number, Migration>>, first: number, current: number): Readonly<Record<number, Migration>> {
  const keys = Object.keys(steps).map(Number);
  for (let v = first; v < current; v++) {
    if (typeof steps[v] !== 'function') throw new Error(`native format: no migration from version ${v} to ${v + 1}`);
  }
  for (const k of keys) {
    if (!Number.isInteger(k) || k < first || k >= current) throw new Error(`native format: migration ${k} is outside versions ${first}..${current - 1}`);
  }
  return Object.freeze({ ...steps });
}

export const MIGRATIONS = defineMigrations({
  /**
   * 1 → 2: version 2 adds span attributes (speaker, note, annotator, origin), relations,
   * relation types, retired labels and a backup's settings. A version-1 reader ignored unknown fields, so fields with those names in a
   * version-1 file meant nothing: they are dropped, not read as version-2 data.
   */
  1: (file) => {
    const { relationTypes: _types, settings: _settings, ...rest } = file;
    const documents = Array.isArray(file.documents)
      ? file.documents.map((d: unknown) => {
          if (!isRecord(d)) return d;
          const { relations: _relations, ...doc } = d;
          if (!Array.isArray(doc.annotations)) return doc;
          return {
            ...doc,
            annotations: doc.annotations.map((a: unknown) => {
              if (!isRecord(a)) return a;
              const { speaker: _s, note: _n, annotator: _a, origin: _o, ...kept } = a;
              return kept;
            }),
          };
        })
      : file.documents;
    return { ...rest, version: 2, documents };
  },
}, FIRST_NATIVE_VERSION, NATIVE_VERSION);

/**
 * Brings a file of an older version up to NATIVE_VERSION, one step at a time. Anything it cannot
 * read as a header is passed on unchanged for the validator to report.
 */
export function migrateNative(data: unknown, p?: { add(where: string, message: string): void }): unknown {
  if (!isRecord(data) || own(data, 'format') !== NATIVE_FORMAT) return data;
  let file: Record<string, unknown> = data;
  let version = own(file, 'version');
  while (typeof version === 'number' && Number.isInteger(version) && version >= FIRST_NATIVE_VERSION && version < NATIVE_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) {
      p?.add('version', `no migration from version ${version} to ${version + 1}`);
      return data;
    }
    file = step(file);
    version = own(file, 'version');
  }
  return file;
}
