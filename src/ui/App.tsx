import { useCallback, useEffect, useRef, useState } from 'react';
import { DocumentSession } from '../app/documentSession';
import { documentFromText, readImportFiles, type FileInput } from '../app/importFiles';
import type { TextFormat } from '../domain/document';
import type { Label } from '../domain/labels';
import { withAddedLabels } from '../domain/labelSet';
import { serializeNative } from '../io/nativeJson';
import { importPastedText } from '../io/textFile';
import { ConflictError, type DocumentSummary, type Library } from '../storage/library';
import { AnnotationSidebar } from './AnnotationSidebar';
import { DocumentList } from './DocumentList';
import { ExportDialog, type ExportScope } from './ExportDialog';
import { GuidelinePanel } from './GuidelinePanel';
import { HelpOverlay } from './HelpOverlay';
import { downloadBytes, safeFileName } from './download';
import { LabelBar } from './LabelBar';
import { NewDocumentDialog } from './NewDocumentDialog';
import { Notices, type Notice } from './Notices';
import { RecordEditor, type EditorHandle } from './RecordEditor';
import { UnknownLabelsDialog, type UnknownLabelsQuestion } from './UnknownLabelsDialog';
import { useSessionSnapshot } from './useSession';
import { useI18n } from '../i18n/context';
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
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [session, setSession] = useState<DocumentSession | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [newDocOpen, setNewDocOpen] = useState(false);
  const [exportDialogOpen, setExportDialogOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [guidelineOpen, setGuidelineOpen] = useState(false);
  const handle = useRef<EditorHandle | null>(null);
  const sessionRef = useRef<DocumentSession | null>(null);
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
        if (event.kind === 'documents' && !(await library.loadDocument(open.document.id))) {
          setSession((s) => (s === open ? null : s));
          notify('info', tRef.current('notice.deletedElsewhere', { title: open.document.title }));
        } else open.refreshFromStore(() => storedAnnotations(library, open.document.id));
      }),
    [library, refreshDocuments, notify],
  );

  const storeItems = useCallback(
    async (items: Parameters<Library['importDocuments']>[0], what: string) => {
      const report = await library.importDocuments(items);
      await refreshDocuments();
      notify('info', importSummary(tRef.current, what, report));
      // Annotations merged into the open record are shown at once.
      const open = sessionRef.current;
      if (open && items.some((i) => i.document.id === open.document.id)) {
        open.refreshFromStore(() => storedAnnotations(library, open.document.id));
      }
      const firstNew = report.addedIds[0];
      if (firstNew) await openDocument(firstNew);
    },
    [library, refreshDocuments, notify, openDocument],
  );

  const importFiles = useCallback(
    async (list: FileList | null) => {
      if (!list || list.length === 0) return;
      const inputs: FileInput[] = await Promise.all(
        Array.from(list, async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      let current = labels;
      const { ok, failed } = readImportFiles(inputs, new Date().toISOString(), current);
      for (const f of failed) notify('error', t('import.notImported', { detail: f.message }));
      for (const file of ok) {
        try {
          let items = file.items;
          const unknown = file.unknownLabels.filter((id) => !current.some((l) => l.id === id));
          if (unknown.length > 0) {
            const choice = await new Promise<'add' | 'skip' | 'cancel'>((answer) =>
              setQuestion({ fileName: file.name, labels: unknown, answer }),
            );
            setQuestion(null);
            if (choice === 'cancel') {
              notify('info', t('import.labelsRefused', { name: file.name }));
              continue;
            }
            if (choice === 'add') {
              current = await library.addLabels(current, unknown);
              setLabels(current);
            } else {
              const skipped = new Set(unknown);
              items = items.map((i) => ({ ...i, annotations: i.annotations.filter((a) => !skipped.has(a.label)) }));
            }
          }
          await storeItems(items, t('import.fileWhat', { name: file.name, note: file.note }));
        } catch (e) {
          notify('error', t('import.failedFile', { name: file.name, detail: detail(e) }));
        }
      }
    },
    [notify, storeItems, labels, library, t],
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
        const json = serializeNative(documents, exportLabels);
        performance.measure('yishi:export-json', { start: started });
        const name = single ? safeFileName(single) : `yishi-library-${new Date().toISOString().slice(0, 10)}`;
        downloadBytes(`${name}.yishi.json`, json, 'application/json');
      } catch (e) {
        notify('error', t('export.refused', { detail: detail(e) }));
      }
    },
    [loadForExport, notify, t],
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
      <Notices notices={notices} onDismiss={(id) => setNotices((n) => n.filter((x) => x.id !== id))} />
      <main className="yi-main">
        <DocumentList
          documents={documents}
          openId={session?.document.id ?? null}
          onOpen={openDocument}
          onDelete={deleteDocument}
        />
        {session ? (
          <Workspace key={session.document.id} session={session} labels={labels} handle={handle} onHandle={onHandle} />
        ) : (
          <section className="yi-empty">
            <p>{t('reader.empty')}</p>
          </section>
        )}
      </main>
      <footer className="yi-footer">
        <span>{t('footer.local')}</span>
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
      <NewDocumentDialog open={newDocOpen} onCancel={() => setNewDocOpen(false)} onCreate={createFromText} />
      <HelpOverlay open={helpOpen} onClose={() => setHelpOpen(false)} labels={labels} />
      <GuidelinePanel open={guidelineOpen} onClose={() => setGuidelineOpen(false)} labels={labels} />
    </div>
  );
}

interface WorkspaceProps {
  session: DocumentSession;
  labels: readonly Label[];
  handle: React.RefObject<EditorHandle | null>;
  onHandle(h: EditorHandle | null): void;
}

function Workspace({ session, labels, handle, onHandle }: WorkspaceProps) {
  const t = useI18n().t;
  const snapshot = useSessionSnapshot(session);
  const save = snapshot.save;
  // Stable callbacks: the label bar, editor and sidebar are memoised and skip the re-render of a
  // snapshot that changes only the save state.
  const applyLabel = useCallback((id: string) => handle.current?.applyLabel(id), [handle]);
  const pick = useCallback(
    (id: string) => {
      session.select(id);
      handle.current?.scrollToAnnotation(id);
    },
    [session, handle],
  );
  return (
    <>
      <section className="yi-reader" aria-label={session.document.title}>
        <div className="yi-reader-bar">
          <LabelBar labels={labels} onApply={applyLabel} />
          <span className={`yi-save yi-save-${save.kind}`} data-testid="save-state" data-state={save.kind}>
            {t(save.kind === 'saved' ? 'save.saved' : save.kind === 'saving' ? 'save.saving' : 'save.failed')}
          </span>
        </div>
        <div className="yi-scroll">
          <RecordEditor session={session} labels={labels} onHandle={onHandle} />
        </div>
        <p className="yi-keys yi-muted">{t('reader.hint')}</p>
      </section>
      <AnnotationSidebar
        annotations={snapshot.annotations}
        labels={labels}
        selectedId={snapshot.selectedId}
        onPick={pick}
      />
    </>
  );
}
