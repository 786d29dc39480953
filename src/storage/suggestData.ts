/**
 * The suggesters' data, in tables of their own (schema 2): the suggestions the analyst rejected,
 * one row each per record (`suggestRejections`), and the learned suggester's model
 * (`suggestModels`). No backup carries them; deleting a record deletes its rejections.
 */
import { docRange } from './buckets';
import { LEARNED_MODEL_ID, type StoredRejection, type SuggestRejectionRow, type YishiDb } from './db';
import { fail, recordName } from './errors';

export type { StoredRejection } from './db';

function rejectionOf(row: SuggestRejectionRow): StoredRejection {
  const { docId: _docId, ...rejection } = row;
  return rejection;
}

/** Rejected suggestions per record: of every record, or of the one given. */
export async function rejectedSuggestions(db: YishiDb, docId?: string): Promise<Map<string, StoredRejection[]>> {
  let rows: SuggestRejectionRow[];
  try {
    rows =
      docId === undefined
        ? await db.suggestRejections.toArray()
        : await db.suggestRejections.where(':id').between(...docRange(docId), true, true).toArray();
  } catch (error) {
    throw fail('storage.readRejected', error);
  }
  const out = new Map<string, StoredRejection[]>();
  for (const row of rows) {
    const list = out.get(row.docId);
    if (list) list.push(rejectionOf(row));
    else out.set(row.docId, [rejectionOf(row)]);
  }
  return out;
}

/** Remembers rejected suggestions of a record (one stored under the same id is replaced). */
export async function rejectSuggestions(db: YishiDb, docId: string, rejections: readonly StoredRejection[]): Promise<void> {
  try {
    await db.suggestRejections.bulkPut(rejections.map((r) => ({ ...r, docId })));
  } catch (error) {
    throw fail('storage.saveRejected', error, { record: recordName(undefined, docId) });
  }
}

/** Deletes a record's rejections; runs inside the caller's transaction (which includes the table). */
export async function deleteRejections(db: YishiDb, docId: string): Promise<void> {
  await db.suggestRejections.where(':id').between(...docRange(docId), true, true).delete();
}

/** The learned suggester's stored model (as the app wrote it), or undefined. */
export async function readLearnedModel(db: YishiDb): Promise<unknown> {
  try {
    return (await db.suggestModels.get(LEARNED_MODEL_ID))?.model;
  } catch (error) {
    throw fail('storage.readModel', error);
  }
}

export async function saveLearnedModel(db: YishiDb, model: unknown): Promise<void> {
  try {
    await db.suggestModels.put({ id: LEARNED_MODEL_ID, model });
  } catch (error) {
    throw fail('storage.saveModel', error);
  }
}
