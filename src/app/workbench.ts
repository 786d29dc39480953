/**
 * The workbench: the library's use cases, with no framework. It owns the record list, the open
 * record (its `DocumentSession` and the store adapter under it, with the conflict policy), the
 * label set and the analyst's settings, importing (one file or a batch), creating, deleting,
 * record details, backup and restore, other tabs' changes, and the notices the interface shows.
 *
 * Observable like `DocumentSession`: `subscribe`/`getSnapshot` for React's useSyncExternalStore.
 * It asks the analyst through ports (`WorkbenchPorts`) the interface implements with its dialogs,
 * and reports failures as Problems the interface renders in its language.
 */
import type { DocumentStatus, TextFormat } from '../domain/document';
import type { Label } from '../domain/labels';
import { withAddedLabels } from '../domain/labelSet';
import { problem, ProblemError, type Problem } from '../domain/problem';
import type { AnnotatedRecord } from '../domain/record';
import type { SnapMode } from '../domain/snap';
import type { PendingImport, ReadingMeasure } from '../domain/settings';
import { serializeNative } from '../io/native';
import { importPastedText } from '../io/textFile';
import type { Library } from '../storage/library';
import { DocumentSession } from './documentSession';
import { documentFromText } from './importFiles';
import type { BatchFile } from './importBatch';
import { librarySuggestServices, type SuggestServices } from './suggestClient';
import { runImport } from './workbench/importing';
import { restoreBackup } from './workbench/restoring';
import { causeOf, failure, failureError } from './workbench/problems';
import { readSettings, SETTING_KEYS, type StoredSettings } from './workbench/settings';
import { sessionStore, storedAnnotations } from './workbench/store';
import {
  REFUSING_PORTS,
  type DocumentSummary,
  type ExportScope,
  type ImportBatchState,
  type ImportReport,
  type News,
  type Notice,
  type NoticeBody,
  type WorkbenchPorts,
  type WorkbenchSnapshot,
} from './workbench/types';

export * from './workbench/types';

/** Notices kept on screen at once (the oldest leave first). */
const MAX_NOTICES = 5;

export interface WorkbenchOptions {
  ports?: WorkbenchPorts;
  /** The clock (tests pass a fixed one). */
  now?: () => string;
}

export class Workbench {
  private snapshot: WorkbenchSnapshot;
  private readonly listeners = new Set<() => void>();
  private ports: WorkbenchPorts;
  private readonly now: () => string;
  private noticeId = 0;
  /** Listeners are to hear of a change at the end of this turn. */
  private telling = false;
  /** The latest open request: a slower earlier load must not replace it. */
  private openRequest = 0;
  /** Imports run one after another: a second choice of files waits for the batch before it. */
  private importQueue: Promise<void> = Promise.resolve();
  private readonly detach: (() => void)[] = [];
  /** Assisted tagging's store and training, over this library. */
  readonly suggest: SuggestServices;

  constructor(
    readonly library: Library,
    settings: StoredSettings,
    options: WorkbenchOptions = {},
  ) {
    this.ports = options.ports ?? REFUSING_PORTS;
    this.now = options.now ?? (() => new Date().toISOString());
    this.suggest = librarySuggestServices(library);
    this.snapshot = {
      documents: [],
      session: null,
      labels: settings.labels,
      annotator: settings.annotator,
      snapMode: settings.snapMode,
      readingMeasure: settings.readingMeasure,
      language: settings.language,
      notices: [],
      importBatch: null,
      closedBy: null,
    };
    this.detach.push(
      library.onClosed((closedBy) => this.update({ closedBy })),
      library.onExternalChange((event) => void this.externalChange(event)),
    );
  }

  /**
   * A workbench over a library, its settings read, its list loaded, and a record open: the last
   * one open, else the oldest (the sample on a first start), else none.
   */
  static async start(library: Library, options: WorkbenchOptions = {}): Promise<Workbench> {
    const settings = await readSettings(library);
    const workbench = new Workbench(library, settings, options);
    await workbench.refreshDocuments();
    const docs = workbench.snapshot.documents;
    await workbench.open(docs.find((d) => d.id === settings.lastOpen)?.id ?? docs[docs.length - 1]?.id ?? null);
    // A batch import the page left in the middle: say which files were not imported (it stays until dismissed).
    const pending = settings.pendingImport;
    const missing = pending?.files.filter((name) => !pending.done.includes(name)) ?? [];
    if (pending && missing.length > 0) workbench.notify('error', { news: { what: 'importInterrupted', startedAt: pending.startedAt, files: missing } });
    else if (pending) await workbench.recordPendingImport(undefined);
    return workbench;
  }

  /** Stops following the library (its other tabs and closing); the library stays open. */
  dispose(): void {
    for (const d of this.detach.splice(0)) d();
  }

  // --- observation -------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): WorkbenchSnapshot => this.snapshot;

  /**
   * The snapshot changes at once; listeners hear once per turn (React renders a store's every
   * change at once, and a batch import changes it several times in one turn).
   */
  private update(patch: Partial<WorkbenchSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    if (this.telling) return;
    this.telling = true;
    queueMicrotask(() => {
      this.telling = false;
      for (const l of this.listeners) l();
    });
  }

  /** The interface connects its dialogs here (and REFUSING_PORTS again when they go). */
  connect(ports: WorkbenchPorts): () => void {
    this.ports = ports;
    return () => {
      if (this.ports === ports) this.ports = REFUSING_PORTS;
    };
  }

  get persistence(): { kind: Library['persistence']; reason: string | undefined } {
    return { kind: this.library.persistence, reason: this.library.memoryReason };
  }

  // --- notices -----------------------------------------------------------------------------

  notify(kind: Notice['kind'], body: NoticeBody): void {
    const notice = { id: ++this.noticeId, kind, ...body } as Notice;
    this.update({ notices: [...this.snapshot.notices.slice(-(MAX_NOTICES - 1)), notice] });
  }

  /** A failure of a use case, shown as an alert. */
  fail(p: Problem): void {
    this.notify('error', { problem: p });
  }

  private tell(news: News): void {
    this.notify('info', { news });
  }

  dismissNotice(id: number): void {
    const gone = this.snapshot.notices.find((n) => n.id === id);
    this.update({ notices: this.snapshot.notices.filter((n) => n.id !== id) });
    // The interrupted batch is told once the analyst has read it.
    if (gone && 'news' in gone && gone.news.what === 'importInterrupted') void this.recordPendingImport(undefined);
  }

  /** Stores a batch import's progress (undefined: none under way); not stored is not fatal (the import goes on). */
  async recordPendingImport(pending: PendingImport | undefined): Promise<void> {
    await this.library.setSetting(SETTING_KEYS.pendingImport, pending).catch(() => undefined);
  }

  dismissImportBatch(): void {
    this.update({ importBatch: null });
  }

  /** A batch's progress keeps its place among the notices; its summary comes in as the newest. */
  setImportBatch(importBatch: ImportBatchState | null): void {
    const before = this.snapshot.importBatch;
    const order = !importBatch ? 0 : before && !before.files && !importBatch.files ? before.order : ++this.noticeId;
    this.update({ importBatch: importBatch && { ...importBatch, order } });
  }

  // --- the record list and the open record ----------------------------------------------------

  async refreshDocuments(): Promise<void> {
    try {
      this.update({ documents: await this.library.listDocuments() });
    } catch (e) {
      this.fail(failure(this.library, 'record.listFailed', {}, e));
    }
  }

  private titleOf(id: string): string {
    return this.snapshot.documents.find((d) => d.id === id)?.title ?? id;
  }

  private closeSession(): void {
    this.openRequest++;
    this.update({ session: null });
  }

  /** Opens a record (null: none). Opening the one open keeps its undo history. */
  async open(id: string | null): Promise<void> {
    const request = ++this.openRequest; // any earlier request still loading is now stale
    const current = this.snapshot.session;
    if (!id) return this.update({ session: null });
    if (current?.document.id === id) return;
    try {
      // The record left may still be writing (a tag all of 2,000 matches): this tab's own
      // writes are not announced back to it, so read only once they are stored.
      await current?.idle();
      if (request !== this.openRequest) return;
      const loaded = await this.library.loadDocument(id);
      if (request !== this.openRequest) return;
      if (!loaded) return this.update({ session: null });
      const { document } = loaded;
      const store = sessionStore(this.library, () => session, (docId, delta) => this.countChanged(docId, delta));
      const session: DocumentSession = new DocumentSession(document, loaded.annotations, store, this.snapshot.labels, (message, error) =>
        this.fail(problem('record.changeFailed', { title: session.document.title }, causeOf(this.library, error ?? message, message))),
      );
      session.setAnnotator(this.snapshot.annotator);
      session.setSnapMode(this.snapshot.snapMode);
      this.update({ session });
      this.library.setSetting(SETTING_KEYS.lastOpen, id).catch(() => undefined); // a convenience: not worth an alert
    } catch (e) {
      this.fail(failure(this.library, 'record.openFailed', { title: this.titleOf(id) }, e));
    }
  }

  /** The list's count and date for a record a change was stored in, without reading the library again. */
  private countChanged(docId: string, delta: number): void {
    const now = this.now();
    const documents = this.snapshot.documents
      .map((d) => (d.id === docId ? { ...d, annotationCount: d.annotationCount + delta, updatedAt: now } : d))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    this.update({ documents });
  }

  /** Other tabs: keep the list, the label set and the open record in step with what they stored. */
  private async externalChange(event: Parameters<Parameters<Library['onExternalChange']>[0]>[0]): Promise<void> {
    try {
      if (event.kind === 'labels') {
        const stored = await this.library.getLabels();
        if (stored) this.setLabelsShown(stored);
        return;
      }
      await this.refreshDocuments();
      const open = this.snapshot.session;
      if (!open || (event.docId && event.docId !== open.document.id)) return;
      const stored = event.kind === 'documents' ? await this.library.loadDocument(open.document.id) : null;
      if (stored === undefined) {
        if (this.snapshot.session === open) this.closeSession();
        this.tell({ what: 'deletedElsewhere', title: open.document.title });
      } else {
        if (stored) open.setDetails(stored.document.title, stored.document.meta); // details edited there
        open.refreshFromStore(() => storedAnnotations(this.library, open.document.id));
      }
    } catch (e) {
      this.fail(failure(this.library, 'record.listFailed', {}, e));
    }
  }

  // --- creating, importing, deleting ----------------------------------------------------------

  /** Stores one file's records (one transaction), lists them, and says what happened. */
  async storeImport(items: AnnotatedRecord[], from: Extract<News, { what: 'imported' }>['from'], addLabels?: readonly string[]): Promise<ImportReport> {
    let report: ImportReport;
    try {
      report = await this.library.importDocuments(items, addLabels?.length ? { base: this.snapshot.labels, ids: addLabels } : undefined);
    } catch (e) {
      // The storage's reason, as a Problem the interface renders in its language.
      throw new ProblemError(causeOf(this.library, e), e instanceof Error ? e.message : String(e), { cause: e });
    }
    if (report.labels) this.setLabelsShown(report.labels);
    await this.refreshDocuments();
    this.tell({ what: 'imported', from, report });
    // Annotations merged into the open record are shown at once.
    const open = this.snapshot.session;
    if (open && items.some((i) => i.document.id === open.document.id)) {
      open.refreshFromStore(() => storedAnnotations(this.library, open.document.id));
    }
    return report;
  }

  /** A record from pasted text. True once stored (a failed write keeps the text in the dialog). */
  async createFromText(title: string, text: string, format: TextFormat): Promise<boolean> {
    try {
      const pasted = importPastedText(text, title, format);
      const report = await this.storeImport([{ document: documentFromText(pasted, this.now()), annotations: [] }], 'newRecord');
      if (report.addedIds[0]) await this.open(report.addedIds[0]);
      return true;
    } catch (e) {
      this.fail(failure(this.library, 'record.createFailed', { title }, e));
      return false;
    }
  }

  /**
   * Imports files one at a time (a brat pair together), each in its own transaction, asking the
   * analyst about labels the label set lacks; a second call waits for the batch before it.
   * Resolves when this batch is over.
   */
  importFiles(files: readonly BatchFile[]): Promise<void> {
    if (files.length === 0) return this.importQueue;
    const next = this.importQueue.then(() => runImport(this, files));
    this.importQueue = next.catch((e: unknown) => this.fail(problem('import.notImported', {}, causeOf(this.library, e))));
    return this.importQueue;
  }

  /** For the batch import: the analyst's answer about unknown labels. */
  get askUnknownLabels(): WorkbenchPorts['unknownLabels'] {
    return this.ports.unknownLabels;
  }

  /** Adds labels to the stored label set, for a file that uses them. */
  async addLabels(ids: readonly string[]): Promise<readonly Label[]> {
    const labels = await this.library.addLabels(this.snapshot.labels, ids);
    this.setLabelsShown(labels);
    return labels;
  }

  deleteDocument(id: string): Promise<void> {
    return this.deleteDocuments([id]);
  }

  /**
   * Deletes several records chosen in the list (the analyst confirmed once, with the count): each
   * on its own, so a failure names its record and the others are still deleted; the list is read
   * once at the end.
   */
  async deleteDocuments(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const title = this.titleOf(id);
      try {
        await this.library.deleteDocument(id);
        if (this.snapshot.session?.document.id === id) this.closeSession();
      } catch (e) {
        this.fail(failure(this.library, 'record.deleteFailed', { title }, e));
      }
    }
    await this.refreshDocuments();
  }

  /** Sets the status of several records chosen in the list; a failure names its record. */
  async saveStatuses(ids: readonly string[], status: DocumentStatus): Promise<void> {
    for (const id of ids) {
      try {
        const stored = await this.library.updateDocument(id, { meta: { status } });
        const open = this.snapshot.session;
        if (open?.document.id === id) open.setDetails(stored.title, stored.meta);
      } catch (e) {
        this.fail(failure(this.library, 'record.detailsFailed', { title: this.titleOf(id) }, e));
      }
    }
    await this.refreshDocuments();
  }

  // --- record details, search, counts ---------------------------------------------------------

  searchDocuments(query: string): Promise<Set<string>> {
    return this.library.searchDocuments(query);
  }

  /** Label counts per record, once this tab's queued changes are stored. */
  async labelCounts(): Promise<Map<string, Map<string, number>>> {
    await this.snapshot.session?.idle();
    return this.library.labelCounts();
  }

  /** How often each label is used in the whole library (for the label set dialog); undefined if unread. */
  async labelUsage(): Promise<Map<string, number> | undefined> {
    try {
      const total = new Map<string, number>();
      for (const counts of (await this.labelCounts()).values()) {
        for (const [label, n] of counts) total.set(label, (total.get(label) ?? 0) + n);
      }
      return total;
    } catch (e) {
      this.fail(failure(this.library, 'labels.countFailed', {}, e));
      return undefined;
    }
  }

  /** Stores a record's details; throws (a Problem, shown in the dialog) when they were not stored. */
  async saveDetails(id: string, patch: Parameters<Library['updateDocument']>[1]): Promise<void> {
    let stored: DocumentSummary;
    try {
      stored = await this.library.updateDocument(id, patch);
    } catch (e) {
      throw failureError(this.library, 'record.detailsFailed', { title: this.titleOf(id) }, e);
    }
    const open = this.snapshot.session;
    if (open?.document.id === id) open.setDetails(stored.title, stored.meta);
    await this.refreshDocuments();
  }

  /** A record's status from the list: a failure is an alert. */
  saveStatus(id: string, status: DocumentStatus): Promise<void> {
    return this.saveStatuses([id], status);
  }

  listSpeakers(): Promise<string[]> {
    return this.library.listSpeakers();
  }

  // --- labels and settings --------------------------------------------------------------------

  private setLabelsShown(labels: readonly Label[]): void {
    this.update({ labels });
    this.snapshot.session?.setLabels(labels);
  }

  /** Stores a new label set; throws (a Problem, shown in the dialog) if not stored: nothing changes then. */
  async saveLabels(next: Label[]): Promise<void> {
    try {
      await this.library.saveLabels(next);
    } catch (e) {
      throw failureError(this.library, 'labels.saveFailed', {}, e);
    }
    this.setLabelsShown(next);
  }

  async setAnnotator(name: string): Promise<void> {
    const annotator = name.trim();
    try {
      await this.library.setSetting(SETTING_KEYS.annotator, annotator);
    } catch (e) {
      return this.fail(failure(this.library, 'settings.annotatorFailed', {}, e));
    }
    this.update({ annotator });
    this.snapshot.session?.setAnnotator(annotator);
  }

  /** Applies at once; a failure to store it is an alert (it still applies in this tab). */
  async setSnapMode(snapMode: SnapMode): Promise<void> {
    this.update({ snapMode });
    this.snapshot.session?.setSnapMode(snapMode);
    await this.library.setSetting(SETTING_KEYS.snapMode, snapMode).catch((e: unknown) => this.fail(failure(this.library, 'settings.snapModeFailed', {}, e)));
  }

  /** Applies at once; a failure to store it is an alert (it still applies in this tab). */
  async setReadingMeasure(readingMeasure: ReadingMeasure): Promise<void> {
    this.update({ readingMeasure });
    await this.library
      .setSetting(SETTING_KEYS.readingMeasure, readingMeasure)
      .catch((e: unknown) => this.fail(failure(this.library, 'settings.readingMeasureFailed', {}, e)));
  }

  /** Stores the interface language. One that cannot be stored still applies in this tab; the next start asks the browser again. */
  async setLanguage(language: string): Promise<void> {
    this.update({ language });
    await this.library.setSetting(SETTING_KEYS.language, language).catch(() => undefined);
  }

  // --- export and backup ----------------------------------------------------------------------

  /**
   * The stored model for an export (never the screen): the open record, chosen records or all,
   * read once this tab's queued changes are stored. Labels the records use but the label set
   * lacks are added for the export, so no stored annotation can block it.
   */
  async loadForExport(scope: ExportScope): Promise<{ documents: AnnotatedRecord[]; labels: Label[] }> {
    const open = this.snapshot.session;
    await open?.idle();
    const ids = scope.kind === 'open' ? (open ? [open.document.id] : []) : scope.kind === 'chosen' ? scope.ids : undefined;
    const documents = ids?.length === 0 ? [] : await this.library.exportAll(ids);
    const used = new Set(documents.flatMap((d) => d.annotations.map((a) => a.label)));
    return { documents, labels: withAddedLabels(this.snapshot.labels, [...used]) };
  }

  /**
   * The native file of the open record or of the whole library ("export all" is the backup: it
   * carries the analyst's settings too). Undefined, with an alert, when refused.
   */
  async exportNative(scope: { kind: 'open' } | { kind: 'all' }): Promise<{ title: string | undefined; json: string } | undefined> {
    const title = scope.kind === 'open' ? this.snapshot.session?.document.title : undefined;
    try {
      const { documents, labels } = await this.loadForExport(scope);
      const started = performance.now();
      const settings = scope.kind === 'all' ? await this.library.backupSettings() : undefined;
      const json = serializeNative(documents, labels, undefined, undefined, settings);
      performance.measure('yishi:export-json', { start: started });
      return { title: scope.kind === 'open' ? documents[0]?.document.title : undefined, json };
    } catch (e) {
      this.fail(title === undefined ? failure(this.library, 'export.libraryFailed', {}, e) : failure(this.library, 'export.recordFailed', { title }, e));
      return undefined;
    }
  }

  /** Restores a backup file, asking merge or replace when the library holds records. */
  async restore(file: BatchFile): Promise<void> {
    try {
      const outcome = await restoreBackup(this.library, file, () => this.snapshot.session?.idle(), this.ports.restoreMode);
      if (!outcome) return;
      this.closeSession();
      const settings = await readSettings(this.library);
      this.setLabelsShown(settings.labels);
      this.update({ annotator: settings.annotator, snapMode: settings.snapMode, language: settings.language });
      await this.refreshDocuments();
      this.tell({ what: 'restored', report: outcome });
      const first = this.snapshot.documents[0]?.id;
      if (first) await this.open(first);
    } catch (e) {
      this.fail(failure(this.library, 'restore.failed', { file: file.name }, e));
    }
  }
}
