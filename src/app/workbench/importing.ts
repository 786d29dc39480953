/**
 * A batch import through the workbench: the batch's steps (app/importBatch.ts) with the label
 * question put to the analyst through the workbench's port, each file stored and announced, the
 * refused ones alerted, and the first record added opened.
 */
import { problem, type Problem } from '../../domain/problem';
import type { AnnotatedRecord } from '../../domain/record';
import { runImportBatch, yieldToBrowser, type BatchFile } from '../importBatch';
import type { PendingImport } from '../../domain/settings';
import type { ImportReport } from '../../storage/library';
import type { ImportBatchState, News, NoticeBody, WorkbenchPorts, WorkbenchSnapshot } from './types';

/** What an import needs of the workbench. */
export interface ImportHost {
  getSnapshot(): WorkbenchSnapshot;
  askUnknownLabels: WorkbenchPorts['unknownLabels'];
  storeImport(items: AnnotatedRecord[], from: Extract<News, { what: 'imported' }>['from'], addLabels?: readonly string[]): Promise<ImportReport>;
  setImportBatch(batch: ImportBatchState | null): void;
  notify(kind: 'error' | 'info', body: NoticeBody): void;
  fail(p: Problem): void;
  open(id: string | null): Promise<void>;
  /** Stores the batch's progress (undefined: none under way), so an interrupted batch can be told on the next start. */
  recordPendingImport(pending: PendingImport | undefined): Promise<void>;
}

export async function runImport(workbench: ImportHost, files: readonly BatchFile[]): Promise<void> {
  let firstNew: string | undefined;
  const labelsRefused = new Set<string>();
  // Labels the analyst agreed to add, per file: added with its records, in their transaction, and
  // only if one of them is stored (issue 18: a skipped file added labels).
  const labelsToAdd = new Map<string, readonly string[]>();
  const pending: PendingImport = { startedAt: new Date().toISOString(), files: files.map((f) => f.name), done: [] };
  await workbench.recordPendingImport(pending);
  const summaries = await runImportBatch(files, {
    now: new Date().toISOString(),
    labels: () => workbench.getSnapshot().labels,
    progress: (progress) => workbench.setImportBatch({ progress, files: null }),
    finished: async (names) => {
      pending.done.push(...names);
      await workbench.recordPendingImport({ ...pending, done: [...pending.done] });
    },
    pause: yieldToBrowser,
    settleLabels: async (file) => {
      const known = workbench.getSnapshot().labels;
      const unknown = file.unknownLabels.filter((id) => !known.some((l) => l.id === id));
      if (unknown.length === 0) return { items: file.items };
      const choice = await workbench.askUnknownLabels({ fileName: file.name, labels: unknown });
      if (choice === 'cancel') {
        const refused = problem('import.labelsRefused', { name: file.name });
        workbench.notify('info', { problem: refused });
        labelsRefused.add(file.name);
        return { refused: `“${file.name}”: its labels were not accepted`, problem: refused };
      }
      if (choice === 'add') {
        labelsToAdd.set(file.name, unknown);
        return { items: file.items };
      }
      const skipped = new Set(unknown);
      return { items: file.items.map((i): AnnotatedRecord => ({ ...i, annotations: i.annotations.filter((a) => !skipped.has(a.label)) })) };
    },
    store: async (items, file) => {
      const report = await workbench.storeImport(items, { file: file.name, note: file.note }, labelsToAdd.get(file.name));
      firstNew ??= report.addedIds[0];
      return report;
    },
  });
  // Refusals as alerts too (the summary lists them with the rest).
  for (const f of summaries) {
    if (!f.refused || labelsRefused.has(f.name)) continue;
    workbench.fail(refusal(f.name, f.refused, f.problem));
  }
  await workbench.recordPendingImport(undefined);
  workbench.setImportBatch({ progress: { total: files.length, read: files.length, done: files.length }, files: summaries });
  if (firstNew) await workbench.open(firstNew);
}

/** A file refused: its name, and why (a Problem where the refusal carries one). */
function refusal(name: string, reason: string, why: Problem | undefined): Problem {
  if (why) return why.code === 'import.unreadable' ? why : problem('import.fileRefused', { name }, why);
  // The reader's own words name the file already.
  return reason.includes(name) ? problem('import.notImported', {}, problem('untranslated', { detail: reason })) : problem('import.fileRefused', { name }, problem('untranslated', { detail: reason }));
}
