/**
 * Restoring a backup (a native file of the whole library) and what the question "merge or
 * replace?" needs to know. Records come in through the one merge loop (merge.ts), labels through
 * the one label-set rule (domain/labelSet.ts mergeLabelSet), settings through the registry
 * (domain/settings.ts: what a backup carries).
 */
import { isNewerVersion } from '../domain/annotation';
import type { Label } from '../domain/labels';
import { mergeLabelSet } from '../domain/labelSet';
import type { AnnotatedRecord } from '../domain/record';
import { BACKUP_SETTINGS, SETTINGS } from '../domain/settings';
import type { YishiDb } from './db';
import { fail } from './errors';
import { fingerprints, mergeRecords, type MergeRule } from './merge';
import { parsedStored } from './settings';

/** A whole-library backup as read from a native file. */
export interface Backup {
  documents: AnnotatedRecord[];
  labels: Label[];
  /** Only the settings the registry marks `inBackup` are restored. */
  settings: Record<string, unknown>;
  exportedAt?: string;
}

export interface RestoreReport {
  mode: 'merge' | 'replace';
  /** Records added whole. */
  added: number;
  /** Annotations replaced by a newer version from the backup. */
  updated: number;
  /** Annotations whose stored version is newer than the backup's: kept as stored. */
  keptNewer: number;
  annotationsAdded: number;
  labelsAdded: number;
}

/**
 * What restoring would do to what is stored now: how many records and annotations are stored,
 * and how many stored annotations changed after the backup was written (a replace would lose
 * those changes).
 */
export function restorePreview(
  stored: readonly AnnotatedRecord[],
  backup: Backup,
): { documents: number; annotations: number; newerThanBackup: number } {
  const written = backup.exportedAt ?? '';
  let annotations = 0;
  let newerThanBackup = 0;
  for (const item of stored) {
    annotations += item.annotations.length;
    for (const a of item.annotations) if (!written || Date.parse(a.updatedAt) > Date.parse(written)) newerThanBackup++;
  }
  return { documents: stored.length, annotations, newerThanBackup };
}

/**
 * How a backup's records merge: a stored annotation gives way only to a newer version; the
 * record's title and details follow the backup when its record is newer; a record whose text is
 * stored under another id is merged into that one.
 */
const RESTORE: MergeRule = {
  replaces: (incoming, stored) => isNewerVersion(incoming, stored),
  mergedRow: (stored, d, added) => {
    const newer = d.updatedAt > stored.updatedAt;
    return {
      ...stored,
      ...(newer && { title: d.title, meta: d.meta }),
      annotationCount: stored.annotationCount + added,
      updatedAt: newer ? d.updatedAt : stored.updatedAt,
    };
  },
  sameTextElsewhere: 'merge',
  idClash: 'storage.restoreIdClash',
};

/**
 * Restores a backup in one transaction: all of it or nothing.
 * - `replace`: the library becomes the backup (records, annotations, relations, labels, the
 *   backup's settings); what was stored is deleted, except the suggesters' data (no backup
 *   carries it: losing it would bring rejected suggestions back).
 * - `merge`: each record comes in through the merge loop (a newer stored annotation is never
 *   overwritten by an older one, and each kept one is counted); labels and settings the library
 *   lacks are added. A record whose id is stored with another text is refused (nothing restored).
 */
export async function restoreBackup(db: YishiDb, backup: Backup, mode: 'merge' | 'replace'): Promise<RestoreReport> {
  const hashes = await fingerprints(backup.documents, 'storage.restore');
  const report: RestoreReport = { mode, added: 0, updated: 0, keptNewer: 0, annotationsAdded: 0, labelsAdded: 0 };
  try {
    await db.transaction('rw', [db.documents, db.texts, db.annotationBuckets, db.settings], async () => {
      Object.assign(report, { added: 0, updated: 0, keptNewer: 0, annotationsAdded: 0, labelsAdded: 0 });
      if (mode === 'replace') {
        await Promise.all([db.documents.clear(), db.texts.clear(), db.annotationBuckets.clear()]);
        // Schema 1 kept the suggesters' data under `suggest.` keys: whatever of it is left stays.
        await db.settings.filter((row) => !row.key.startsWith('suggest.')).delete();
      }
      for (const outcome of await mergeRecords(db, backup.documents, hashes, RESTORE)) {
        if (outcome.kind === 'added') {
          report.added++;
          report.annotationsAdded += outcome.annotations;
        } else if (outcome.kind === 'merged') {
          report.updated += outcome.updated;
          report.keptNewer += outcome.keptNewer;
          report.annotationsAdded += outcome.added;
        }
      }
      const storedLabels = mode === 'merge' ? SETTINGS.labels.parse((await db.settings.get('labels'))?.value) : undefined;
      if (storedLabels) {
        const { labels, added } = mergeLabelSet(storedLabels, backup.labels);
        report.labelsAdded = added.length;
        if (added.length > 0) await db.settings.put({ key: 'labels', value: labels });
      } else {
        await db.settings.put({ key: 'labels', value: backup.labels.map((l) => ({ ...l })) });
      }
      for (const key of BACKUP_SETTINGS) {
        const value = parsedStored(key, backup.settings[key]);
        if (value === undefined) continue;
        if (mode === 'replace' || (await db.settings.get(key)) === undefined) await db.settings.put({ key, value });
      }
      // The sample is not seeded again into a library restored from a backup.
      if (mode === 'replace') await db.settings.put({ key: 'sampleSeeded', value: true });
    });
  } catch (error) {
    throw fail('storage.restore', error);
  }
  return report;
}
