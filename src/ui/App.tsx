import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DocumentSession } from '../app/documentSession';
import { documentFromText } from '../app/importFiles';
import { runImportBatch, yieldToBrowser } from '../app/importBatch';
import type { DocumentStatus, TextFormat } from '../domain/document';
import type { Label } from '../domain/labels';
import { withAddedLabels } from '../domain/labelSet';
import { parseNative, serializeNative } from '../io/nativeJson';
import { decodeUtf8File } from '../io/jsonInput';
import { importPastedText } from '../io/textFile';
import { ConflictError, type DocumentSummary, type Library } from '../storage/library';
import { DocumentList } from './DocumentList';
import { ExportDialog, type ExportScope } from './ExportDialog';
import { GuidelinePanel } from './GuidelinePanel';
import { HelpOverlay } from './HelpOverlay';
import { ImportProgress, type ImportBatchState } from './ImportProgress';
import { downloadBytes, safeFileName } from './download';
import { UpdatePrompt } from './UpdatePrompt';
import { NewDocumentDialog } from './NewDocumentDialog';
import { Notices, type Notice } from './Notices';
import type { EditorHandle } from './RecordEditor';
import { Workspace } from './Workspace';
import { AnnotatorField } from './AnnotatorField';
import { LabelSetDialog } from './LabelSetDialog';
import type { SnapMode } from '../domain/snap';
import { UnknownLabelsDialog, type UnknownLabelsQuestion } from './UnknownLabelsDialog';
import { RestoreDialog, type RestoreQuestion } from './RestoreDialog';
import type { ClosedByOther } from '../storage/db';
import { useI18n } from '../i18n/context';
import { librarySuggestServices, type SuggestServices } from '../app/suggestClient';
import { LANGUAGES, isLanguage, type Translate } from '../i18n/messages';

interface Props {
  library: Library;
  initialLabels: readonly Label[];
  initialDocId: string | null;
  persistent: boolean | undefined;
}

let noticeId = 0;

function detail(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Whether a key press is typing in a text field (where `?` and `g` are text), not a shortcut.
 * The record's read-only editor is not a text field: the shortcuts work while reading it.
 */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.yi-record')) return false;
  return !!target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

/** The summary line of an import, in the interface language. */
function importSummary(t: Translate, what: string, report: Awaited<ReturnType<Library['importDocuments']>>): string {
  const list = t('common.listSeparator');
  const quote = (text: string) => t('common.quoted', { text });
  const parts = [
    report.added.length && t('import.added', { titles: report.added.map(quote).join(list) }),
    report.merged.length &&
      t('import.merged', { items: report.merged.map((m) => t('import.mergedItem', { title: m.title, count: m.newAnnotations })).join(list) }),
    report.skipped.length &&
      t('import.skipped', { items: report.skipped.map((s) => t('import.skippedItem', { title: s.title, reason: s.reason })).join(t('common.clauseSeparator')) }),
  ].filter(Boolean);
  return t('import.summary', { what, parts: parts.join(t('common.clauseSeparator')) || t('import.nothingNew') });
}

/** A record's stored annotations; a record deleted meanwhile has none. */
async function storedAnnotations(library: Library, docId: string) {
  return (await library.loadDocument(docId))?.annotations ?? [];
}

export function App({ library, initialLabels, initialDocId, persistent }: Props) {
  const { t, language, setLanguage } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const [labels, setLabels] = useState<readonly Label[]>(initialLabels);
  const [question, setQuestion] = useState<UnknownLabelsQuestion | null>(null);
  const [restoreQuestion, setRestoreQuestion] = useState<RestoreQuestion | null>(null);
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [session, setSession] = useState<DocumentSession | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [newDocOpen, setNewDocOpen] = useState(false);
  const [exportDialogOpen, setExportDialogOpen] = useState(false);
  const [labelSetOpen, setLabelSetOpen] = useState(false);
  const [labelUsage, setLabelUsage] = useState<Map<string, number> | null>(null);
  /** Set when another tab's upgrade closed the library: nothing more is stored here. */
  const [closedBy, setClosedBy] = useState<ClosedByOther | null>(null);
  useEffect(() => library.onClosed(setClosedBy), [library]);
  const [helpOpen, setHelpOpen] = useState(false);
  const [guidelineOpen, setGuidelineOpen] = useState(false);
  const handle = useRef<EditorHandle | null>(null);
  const sessionRef = useRef<DocumentSession | null>(null);
  const waitForWrites = useCallback(async () => sessionRef.current?.idle(), []);
  /** The latest open request: a slower earlier load must not replace it. */
  const openRequest = useRef(0);
  sessionRef.current = session;

  const notify = useCallback((kind: Notice['kind'], text: string) => {
    setNotices((n) => [...n.slice(-4), { id: ++noticeId, kind, text }]);
  }, []);

  const refreshDocuments = useCallback(async () => {
    try {
      setDocuments(await library.listDocuments());
    } catch (e) {
      notify('error', tRef.current('error.listRecords', { detail: detail(e) }));
    }
  }, [library, notify]);

  const openDocument = useCallback(
    async (id: string | null) => {
      const request = ++openRequest.current; // any earlier request still loading is now stale
      if (!id) return setSession(null);
      if (sessionRef.current?.document.id === id) return; // already open: keep its undo history
      try {
        // The record left may still be writing (a tag all of 2,000 matches): this tab's own
        // writes are not announced back to it, so read only once they are stored.
        await sessionRef.current?.idle();
        if (request !== openRequest.current) return;
        const loaded = await library.loadDocument(id);
        if (request !== openRequest.current) return;
        if (!loaded) return setSession(null);
        const store = {
          applyChange: async (docId: string, change: Parameters<Library['applyChange']>[1]) => {
            try {
              await library.applyChange(docId, change);
            } catch (error) {
              // Another tab changed these annotations first: show what is stored now.
              if (error instanceof ConflictError) session.refreshFromStore(() => storedAnnotations(library, docId));
              throw error;
            }
            // The list's count and date for this record, without reading the library again.
            const delta = change.added.length - change.removed.length;
            const now = new Date().toISOString();
            setDocuments((docs) =>
              docs.map((d) => (d.id === docId ? { ...d, annotationCount: d.annotationCount + delta, updatedAt: now } : d)).sort(
                (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0),
              ),
            );
          },
        };
        const session = new DocumentSession(loaded.document, loaded.annotations, store, labelsRef.current, (m) =>
          notify('error', tRef.current('error.session', { detail: m })),
        );
        setSession(session);
        void library.setSetting('lastOpenDocId', id);
      } catch (e) {
        notify('error', tRef.current('error.openRecord', { detail: detail(e) }));
      }
    },
    [library, notify],
  );

  useEffect(() => session?.setLabels(labels), [session, labels]);

  // The analyst's name, stamped on every new annotation (set once in the settings).
  const [annotator, setAnnotator] = useState('');
  useEffect(() => {
    void library.getSetting('annotator').then((v) => typeof v === 'string' && setAnnotator(v), () => undefined);
  }, [library]);
  useEffect(() => session?.setAnnotator(annotator), [session, annotator]);
  const saveAnnotator = useCallback(
    async (name: string) => {
      try {
        await library.setSetting('annotator', name.trim());
        setAnnotator(name.trim());
      } catch (e) {
        notify('error', e instanceof Error ? e.message : String(e));
      }
    },
    [library, notify],
  );
  const loadSpeakers = useCallback(() => library.listSpeakers(), [library]);
  const suggest = useMemo(() => librarySuggestServices(library), [library]);
  // Stable: the workspace's effects depend on them, and must not run again on every render.
  const reportError = useCallback((m: string) => notify('error', m), [notify]);
  const reportInfo = useCallback((m: string) => notify('info', m), [notify]);

  const openLabelSet = useCallback(async () => {
    setLabelUsage(null);
    setLabelSetOpen(true);
    try {
      await sessionRef.current?.idle();
      const total = new Map<string, number>();
      for (const counts of (await library.labelCounts()).values()) {
        for (const [label, n] of counts) total.set(label, (total.get(label) ?? 0) + n);
      }
      setLabelUsage(total);
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    }
  }, [library, notify]);
  const saveLabelSet = useCallback(
    async (next: Label[]) => {
      await library.saveLabels(next); // throws (shown in the dialog) if not stored: nothing changes then
      setLabels(next);
    },
    [library],
  );

  // Snapping of a new span's ends (a setting: it stays as chosen).
  const [snapMode, setSnapMode] = useState<SnapMode>('none');
  useEffect(() => {
    void library.getSetting('snapMode').then((v) => (v === 'clause' || v === 'word') && setSnapMode(v), () => undefined);
  }, [library]);
  const chooseSnapMode = useCallback(
    (mode: SnapMode) => {
      setSnapMode(mode);
      library.setSetting('snapMode', mode).catch((e: unknown) => notify('error', e instanceof Error ? e.message : String(e)));
    },
    [library, notify],
  );

  useEffect(() => {
    void refreshDocuments();
    void openDocument(initialDocId);
  }, [refreshDocuments, openDocument, initialDocId]);

  // Other tabs: keep the list and the open record in step with what they stored.
  useEffect(
    () =>
      library.onExternalChange(async (event) => {
        if (event.kind === 'labels') {
          const stored = await library.getLabels();
          if (stored) setLabels(stored);
          return;
        }
        await refreshDocuments();
        const open = sessionRef.current;
        if (!open || (event.docId && event.docId !== open.document.id)) return;
        const stored = event.kind === 'documents' ? await library.loadDocument(open.document.id) : null;
        if (stored === undefined) {
          setSession((s) => (s === open ? null : s));
          notify('info', tRef.current('notice.deletedElsewhere', { title: open.document.title }));
        } else {
          if (stored) open.setDetails(stored.document.title, stored.document.meta); // details edited there
          open.refreshFromStore(() => storedAnnotations(library, open.document.id));
        }
      }),
    [library, refreshDocuments, notify],
  );

  /** Stores one file's records (one transaction), lists them, and says what happened. */
  const storeImport = useCallback(
    async (items: Parameters<Library['importDocuments']>[0], what: string, addLabels?: Parameters<Library['importDocuments']>[1]) => {
      const report = await library.importDocuments(items, addLabels);
      await refreshDocuments();
      notify('info', importSummary(tRef.current, what, report));
      // Annotations merged into the open record are shown at once.
      const open = sessionRef.current;
      if (open && items.some((i) => i.document.id === open.document.id)) {
        open.refreshFromStore(() => storedAnnotations(library, open.document.id));
      }
      return report;
    },
    [library, refreshDocuments, notify],
  );

  const storeItems = useCallback(
    async (items: Parameters<Library['importDocuments']>[0], what: string) => {
      const firstNew = (await storeImport(items, what)).addedIds[0];
      if (firstNew) await openDocument(firstNew);
    },
    [storeImport, openDocument],
  );

  // A batch import: its progress, then what became of each file (until dismissed).
  const [importBatch, setImportBatch] = useState<ImportBatchState | null>(null);
  /** Imports run one after another: a second choice of files waits for the batch before it. */
  const importQueue = useRef<Promise<void>>(Promise.resolve());

  const importFiles = useCallback(
    (list: FileList | null) => {
      if (!list || list.length === 0) return;
      const files = Array.from(list);
      const run = async () => {
        let current = labelsRef.current;
        let firstNew: string | undefined;
        const labelsRefused = new Set<string>();
        const labelsToAdd = new Map<string, string[]>();
        const summaries = await runImportBatch(files, {
          now: new Date().toISOString(),
          labels: () => current,
          progress: (progress) => setImportBatch({ progress, files: null }),
          pause: yieldToBrowser,
          settleLabels: async (file) => {
            const unknown = file.unknownLabels.filter((id) => !current.some((l) => l.id === id));
            if (unknown.length === 0) return { items: file.items };
            const choice = await new Promise<'add' | 'skip' | 'cancel'>((answer) =>
              setQuestion({ fileName: file.name, labels: unknown, answer }),
            );
            setQuestion(null);
            if (choice === 'cancel') {
              const refused = tRef.current('import.labelsRefused', { name: file.name });
              notify('info', refused);
              labelsRefused.add(file.name);
              return { refused };
            }
            if (choice === 'add') {
              // Added with the records, in their transaction, and only if a record using them is stored.
              labelsToAdd.set(file.name, unknown);
              return { items: file.items };
            }
            const skipped = new Set(unknown);
            return { items: file.items.map((i) => ({ ...i, annotations: i.annotations.filter((a) => !skipped.has(a.label)) })) };
          },
          store: async (items, file) => {
            const ids = labelsToAdd.get(file.name);
            const report = await storeImport(items, tRef.current('import.fileWhat', { name: file.name, note: file.note }), ids && { base: current, ids });
            if (report.labels) setLabels((current = report.labels));
            firstNew ??= report.addedIds[0];
            return report;
          },
        });
        // Refusals as alerts too (the summary lists them with the rest).
        for (const f of summaries) {
          if (!f.refused || labelsRefused.has(f.name)) continue;
          notify('error', f.note ? tRef.current('import.failedFile', { name: f.name, detail: f.refused }) : tRef.current('import.notImported', { detail: f.refused }));
        }
        setImportBatch({ progress: { total: files.length, read: files.length, done: files.length }, files: summaries });
        if (firstNew) await openDocument(firstNew);
      };
      const next = importQueue.current.then(run);
      importQueue.current = next.catch((e: unknown) => notify('error', tRef.current('import.notImported', { detail: detail(e) })));
    },
    [notify, storeImport, library, openDocument],
  );

  const createFromText = useCallback(
    async (title: string, text: string, format: TextFormat) => {
      try {
        const pasted = importPastedText(text, title, format);
        await storeItems([{ document: documentFromText(pasted, new Date().toISOString()), annotations: [] }], t('import.newRecord'));
        setNewDocOpen(false); // only once stored: a failed write keeps the pasted text in the dialog
        return true;
      } catch (e) {
        notify('error', t('error.createRecord', { detail: detail(e) }));
        return false;
      }
    },
    [notify, storeItems, t],
  );

  const deleteDocument = useCallback(
    async (id: string) => {
      try {
        await library.deleteDocument(id);
        if (sessionRef.current?.document.id === id) {
          openRequest.current++;
          setSession(null);
        }
        await refreshDocuments();
      } catch (e) {
        notify('error', t('error.deleteRecord', { detail: detail(e) }));
      }
    },
    [library, notify, refreshDocuments, t],
  );

  // The library's search, label counts and record details (the list and its details dialog).
  const searchDocuments = useCallback((query: string) => library.searchDocuments(query), [library]);
  const loadLabelCounts = useCallback(async () => {
    await sessionRef.current?.idle(); // this tab's queued changes first
    return library.labelCounts();
  }, [library]);
  const saveDetails = useCallback(
    async (id: string, patch: Parameters<Library['updateDocument']>[1]) => {
      const stored = await library.updateDocument(id, patch); // throws: shown in the dialog, nothing changed
      const open = sessionRef.current;
      if (open?.document.id === id) open.setDetails(stored.title, stored.meta);
      await refreshDocuments();
    },
    [library, refreshDocuments],
  );
  const saveStatus = useCallback(
    (id: string, status: DocumentStatus) => {
      saveDetails(id, { meta: { status } }).catch((e: unknown) => notify('error', tRef.current('details.failed', { detail: detail(e) })));
    },
    [saveDetails, notify],
  );

  /**
   * The stored model for an export (never the screen): the open record, chosen records or all,
   * read from the library once this tab's queued changes are stored. Labels the records use but
   * the label set lacks are added for the export, so no stored annotation can block it.
   */
  const loadForExport = useCallback(
    async (scope: ExportScope) => {
      const open = sessionRef.current;
      await open?.idle();
      const ids = scope.kind === 'open' ? (open ? [open.document.id] : []) : scope.kind === 'chosen' ? scope.ids : undefined;
      const documents = ids?.length === 0 ? [] : await library.exportAll(ids);
      const used = new Set(documents.flatMap((d) => d.annotations.map((a) => a.label)));
      return { documents, labels: withAddedLabels(labelsRef.current, [...used]) };
    },
    [library],
  );

  const exportJson = useCallback(
    async (scope: ExportScope) => {
      try {
        const { documents, labels: exportLabels } = await loadForExport(scope);
        const single = scope.kind === 'open' ? documents[0]?.document.title : undefined;
        const started = performance.now();
        // "Export all" is the library's backup: it carries the analyst's settings too.
        const settings = scope.kind === 'all' ? await library.backupSettings() : undefined;
        const json = serializeNative(documents, exportLabels, undefined, undefined, settings);
        performance.measure('yishi:export-json', { start: started });
        const name = single ? safeFileName(single) : `yishi-library-${new Date().toISOString().slice(0, 10)}`;
        downloadBytes(`${name}.yishi.json`, json, 'application/json');
      } catch (e) {
        notify('error', t('export.refused', { detail: detail(e) }));
      }
    },
    [loadForExport, notify, t, library],
  );

  /**
   * Restores a backup (a native file of the whole library). Into a library that holds records it
   * first asks: merge (newer versions win, nothing newer here is lost) or replace (with how many
   * annotations changed here since the backup was written).
   */
  const restoreFrom = useCallback(
    async (list: FileList | null) => {
      const file = list?.[0];
      if (!file) return;
      try {
        const text = decodeUtf8File(new Uint8Array(await file.arrayBuffer()), file.name);
        const parsed = parseNative(text, file.name);
        const backup = { documents: parsed.documents, labels: parsed.labels, settings: parsed.settings, exportedAt: parsed.exportedAt };
        await sessionRef.current?.idle();
        const stored = await library.restorePreview(backup);
        let mode: 'merge' | 'replace' = 'replace';
        if (stored.documents > 0) {
          const choice = await new Promise<'merge' | 'replace' | 'cancel'>((answer) =>
            setRestoreQuestion({
              fileName: file.name,
              backup: {
                documents: backup.documents.length,
                annotations: backup.documents.reduce((n, d) => n + d.annotations.length, 0),
                exportedAt: backup.exportedAt,
              },
              stored,
              answer,
            }),
          );
          setRestoreQuestion(null);
          if (choice === 'cancel') return;
          mode = choice;
        }
        const report = await library.restoreBackup(backup, mode);
        openRequest.current++;
        setSession(null);
        setLabels((await library.getLabels()) ?? labelsRef.current);
        const name = await library.getSetting<string>('annotator');
        setAnnotator(typeof name === 'string' ? name : '');
        const snap = await library.getSetting<string>('snapMode');
        setSnapMode(snap === 'clause' || snap === 'word' ? snap : 'none');
        const docs = await library.listDocuments();
        setDocuments(docs);
        notify(
          'info',
          t('restore.done', {
            mode: t(`restore.mode.${mode}`),
            added: report.added,
            annotations: report.annotationsAdded,
            updated: report.updated,
            kept: report.keptNewer,
            labels: report.labelsAdded,
          }),
        );
        const first = docs[0]?.id;
        if (first) await openDocument(first);
      } catch (e) {
        notify('error', t('restore.failed', { detail: detail(e) }));
      }
    },
    [library, notify, t, openDocument],
  );

  const onHandle = useCallback((h: EditorHandle | null) => {
    handle.current = h;
  }, []);

  // `?` opens the shortcuts, `g` the guideline: anywhere but in a text field or an open dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key !== '?' && e.key !== 'g') return;
      if (typingInField(e.target) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      if (e.key === '?') setHelpOpen(true);
      else setGuidelineOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="yi-app">
      <header className="yi-header">
        <h1>
          {t('app.name')} <span className="yi-en">{t('app.nameOther')}</span>
        </h1>
        <div className="yi-actions" role="group" aria-label={t('header.actions')}>
          <label className="yi-button">
            {t('header.import')}
            <input
              type="file"
              multiple
              accept=".txt,.text,.md,.markdown,.json,.jsonl,.ann,.zip,text/plain,text/markdown,application/json"
              data-testid="import-file"
              onChange={(e) => {
                void importFiles(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
          <label className="yi-button">
            {t('header.restore')}
            <input
              type="file"
              accept=".json,application/json"
              data-testid="restore-file"
              onChange={(e) => {
                void restoreFrom(e.currentTarget.files);
                e.currentTarget.value = '';
              }}
            />
          </label>
          <button type="button" data-testid="new-doc" onClick={() => setNewDocOpen(true)}>
            {t('header.newDoc')}
          </button>
          <button type="button" data-testid="export-json" disabled={!session} onClick={() => void exportJson({ kind: 'open' })}>
            {t('header.exportRecord')}
          </button>
          <button type="button" data-testid="export-all-json" onClick={() => void exportJson({ kind: 'all' })}>
            {t('header.exportAll')}
          </button>
          <button type="button" data-testid="export-dialog" onClick={() => setExportDialogOpen(true)}>
            {t('header.exportDialog')}
          </button>
          <button type="button" data-testid="label-set" onClick={() => void openLabelSet()}>
            {t('header.labelSet')}
          </button>
        </div>
        <div className="yi-header-end">
          <button type="button" data-testid="open-guideline" title={t('header.guidelineTitle')} aria-keyshortcuts="g" onClick={() => setGuidelineOpen(true)}>
            {t('header.guideline')}
          </button>
          <button type="button" data-testid="open-help" title={t('header.helpTitle')} aria-keyshortcuts="Shift+?" onClick={() => setHelpOpen(true)}>
            {t('header.help')}
          </button>
          <select
            data-testid="language"
            aria-label={t('header.language')}
            value={language}
            onChange={(e) => {
              if (isLanguage(e.target.value)) setLanguage(e.target.value);
            }}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div>
        {library.persistence === 'memory' && (
          <div role="alert" className="yi-notices yi-alert" data-testid="storage-warning">
            <p>
              <span>
                <strong>{t('storage.memoryTitle')}</strong> {t('storage.memoryBody')}{' '}
                {t('storage.memoryReason', { detail: library.memoryReason ?? '' })}
              </span>
            </p>
          </div>
        )}
        {closedBy && (
          <div role="alert" className="yi-alert" data-testid="library-closed">
            <p style={{ margin: 0, padding: '6px 16px', display: 'flex', gap: 12, alignItems: 'center' }}>
              <span>
                <strong>{t(closedBy.cause === 'delete' ? 'storage.deletedTitle' : 'storage.closedTitle')}</strong>{' '}
                {t(closedBy.cause === 'delete' ? 'storage.deletedBody' : 'storage.closedBody')}
              </span>
              <button type="button" className="yi-button" data-testid="reload" onClick={() => window.location.reload()}>
                {t('storage.reload')}
              </button>
            </p>
          </div>
        )}
        <Notices notices={notices} onDismiss={(id) => setNotices((n) => n.filter((x) => x.id !== id))} />
        {importBatch && <ImportProgress batch={importBatch} onDismiss={() => setImportBatch(null)} />}
        <UpdatePrompt idle={waitForWrites} />
      </div>
      <main className="yi-main">
        <DocumentList
          documents={documents}
          openId={session?.document.id ?? null}
          onOpen={openDocument}
          onDelete={deleteDocument}
          labels={labels}
          search={searchDocuments}
          loadLabelCounts={loadLabelCounts}
          onSaveDetails={saveDetails}
          onStatus={saveStatus}
        />
        {session ? (
          <Workspace
            key={session.document.id}
            session={session}
            labels={labels}
            handle={handle}
            onHandle={onHandle}
            loadSpeakers={loadSpeakers}
            onError={reportError}
            onInfo={reportInfo}
            snapMode={snapMode}
            onSnapMode={chooseSnapMode}
            suggest={suggest}
          />
        ) : (
          <section className="yi-empty">
            <p>{t('reader.empty')}</p>
          </section>
        )}
      </main>
      <footer className="yi-footer">
        <span>{t(library.persistence === 'memory' ? 'footer.memory' : 'footer.local')}</span>
        <AnnotatorField value={annotator} onSave={saveAnnotator} />
        <span data-testid="persistence">
          {t(persistent === true ? 'footer.persistent' : persistent === false ? 'footer.evictable' : 'footer.unsupported')}
        </span>
      </footer>
      <ExportDialog
        open={exportDialogOpen}
        onClose={() => setExportDialogOpen(false)}
        documents={documents}
        openTitle={session?.document.title ?? null}
        labels={labels}
        load={loadForExport}
        onError={(m) => notify('error', t('export.refused', { detail: m }))}
      />
      <UnknownLabelsDialog question={question} />
      <RestoreDialog question={restoreQuestion} />
      <LabelSetDialog open={labelSetOpen} labels={labels} counts={labelUsage} onChange={saveLabelSet} onClose={() => setLabelSetOpen(false)} />
      <NewDocumentDialog open={newDocOpen} onCancel={() => setNewDocOpen(false)} onCreate={createFromText} />
      <HelpOverlay open={helpOpen} onClose={() => setHelpOpen(false)} labels={labels} />
      <GuidelinePanel open={guidelineOpen} onClose={() => setGuidelineOpen(false)} labels={labels} />
    </div>
  );
}
