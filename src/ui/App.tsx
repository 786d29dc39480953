import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Label } from '../domain/labels';
import type {
  ExportScope,
  RestoreAnswer,
  RestoreQuestion as RestoreAsked,
  UnknownLabelsAnswer,
  UnknownLabelsQuestion as UnknownLabelsAsked,
  Workbench,
} from '../app/workbench';
import { useI18n } from '../i18n/context';
import { AnnotatorField } from './AnnotatorField';
import { AgreementDialog, type AgreementScope } from './AgreementDialog';
import { AppHeader } from './AppHeader';
import { DocumentList } from './DocumentList';
import { downloadBytes, safeFileName } from './download';
import { ExportDialog } from './ExportDialog';
import { GuidelinePanel } from './GuidelinePanel';
import { HelpOverlay } from './HelpOverlay';
import { ImportProgress } from './ImportProgress';
import { LabelSetDialog } from './LabelSetDialog';
import { NewDocumentDialog } from './NewDocumentDialog';
import { noticeText } from './noticeText';
import { Notices } from './Notices';
import { RestoreDialog, type RestoreQuestion } from './RestoreDialog';
import { StorageAlerts } from './StorageAlerts';
import { UnknownLabelsDialog, type UnknownLabelsQuestion } from './UnknownLabelsDialog';
import { UpdatePrompt } from './UpdatePrompt';
import { useHelpKeys } from './useHelpKeys';
import { useWorkbench } from './useWorkbench';
import { Workspace } from './Workspace';

interface Props {
  workbench: Workbench;
  /** Whether the browser agreed to keep the data (undefined: it cannot say). */
  persistent: boolean | undefined;
}

/** A port of the workbench answered by a dialog: the question is shown until the analyst answers it. */
function asking<Q, A>(show: (question: (Q & { answer(choice: A): void }) | null) => void): (question: Q) => Promise<A> {
  // (show is a state setter: it is only ever given a question or null.)
  return (question) =>
    new Promise((resolve) =>
      show({
        ...question,
        answer: (choice) => {
          show(null);
          resolve(choice);
        },
      }),
    );
}

/** The library's layout and dialogs over the workbench, which does the work. */
export function App({ workbench, persistent }: Props) {
  const { t, language } = useI18n();
  const { documents, session, labels, annotator, snapMode, readingMeasure, notices, importBatch, closedBy } = useWorkbench(workbench);
  const [question, setQuestion] = useState<UnknownLabelsQuestion | null>(null);
  const [restoreQuestion, setRestoreQuestion] = useState<RestoreQuestion | null>(null);
  const [newDocOpen, setNewDocOpen] = useState(false);
  const [exportDialogOpen, setExportDialogOpen] = useState(false);
  const importInput = useRef<HTMLInputElement>(null);
  const [labelSetOpen, setLabelSetOpen] = useState(false);
  const [labelUsage, setLabelUsage] = useState<Map<string, number> | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [guidelineOpen, setGuidelineOpen] = useState(false);
  const [agreementOpen, setAgreementOpen] = useState(false);

  // The workbench asks the analyst through these dialogs.
  useEffect(
    () =>
      workbench.connect({
        unknownLabels: asking<UnknownLabelsAsked, UnknownLabelsAnswer>(setQuestion),
        restoreMode: asking<RestoreAsked, RestoreAnswer>(setRestoreQuestion),
      }),
    [workbench],
  );

  // Stable: the list and the workspace are memoised, and their effects depend on these.
  const actions = useMemo(
    () => ({
      open: (id: string | null) => void workbench.open(id),
      delete: (id: string) => void workbench.deleteDocument(id),
      deleteMany: (ids: readonly string[]) => void workbench.deleteDocuments(ids),
      saveStatuses: (ids: readonly string[], status: Parameters<Workbench['saveStatuses']>[1]) => void workbench.saveStatuses(ids, status),
      search: (query: string) => workbench.searchDocuments(query),
      labelCounts: () => workbench.labelCounts(),
      saveDetails: (id: string, patch: Parameters<Workbench['saveDetails']>[1]) => workbench.saveDetails(id, patch),
      saveStatus: (id: string, status: Parameters<Workbench['saveStatus']>[1]) => void workbench.saveStatus(id, status),
      loadSpeakers: () => workbench.listSpeakers(),
      reportError: (text: string) => workbench.notify('error', { text }),
      reportInfo: (text: string) => workbench.notify('info', { text }),
      snapMode: (mode: Parameters<Workbench['setSnapMode']>[0]) => void workbench.setSnapMode(mode),
      readingMeasure: (measure: Parameters<Workbench['setReadingMeasure']>[0]) => void workbench.setReadingMeasure(measure),
      loadForExport: (scope: ExportScope) => workbench.loadForExport(scope),
      saveLabels: (next: Label[]) => workbench.saveLabels(next),
      loadForAgreement: async (scope: AgreementScope) => (await workbench.loadForExport(scope === 'record' ? { kind: 'open' } : { kind: 'all' })).documents,
    }),
    [workbench],
  );
  // A new version is switched to only once no write is pending.
  const waitForWrites = useCallback(async () => workbench.getSnapshot().session?.idle(), [workbench]);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const openGuideline = useCallback(() => setGuidelineOpen(true), []);
  useHelpKeys(openHelp, openGuideline);
  // Made once per change of what they show: they are large (every shortcut, the whole guideline),
  // and the workbench's every change (a batch import's progress) renders the App again.
  const help = useMemo(() => <HelpOverlay open={helpOpen} onClose={() => setHelpOpen(false)} labels={labels} />, [helpOpen, labels]);
  const guideline = useMemo(() => <GuidelinePanel open={guidelineOpen} onClose={() => setGuidelineOpen(false)} labels={labels} />, [guidelineOpen, labels]);

  const openLabelSet = async () => {
    setLabelUsage(null);
    setLabelSetOpen(true);
    setLabelUsage((await workbench.labelUsage()) ?? null);
  };
  const exportNative = async (scope: 'open' | 'all') => {
    const file = await workbench.exportNative({ kind: scope });
    if (!file) return;
    const name = file.title ? safeFileName(file.title) : `yishi-library-${new Date().toISOString().slice(0, 10)}`;
    downloadBytes(`${name}.yishi.json`, file.json, 'application/json');
  };
  const createRecord = async (title: string, text: string, format: Parameters<Workbench['createFromText']>[2]) => {
    const stored = await workbench.createFromText(title, text, format);
    if (stored) setNewDocOpen(false); // only once stored: a failed write keeps the pasted text in the dialog
    return stored;
  };
  const shownNotices = notices.map((n) => ({
    id: n.id,
    kind: n.kind,
    text: noticeText(t, language, n),
    transient: n.kind === 'info' && 'news' in n,
    ...('news' in n && n.news.what === 'importInterrupted' && { action: { label: t('notice.pickAgain'), run: () => importInput.current?.click() } }),
  }));
  const persistence = workbench.persistence;

  return (
    <div className="yi-app">
      <AppHeader
        recordOpen={session !== null}
        onImport={(files) => void workbench.importFiles(files)}
        onRestore={(file) => void workbench.restore(file)}
        onNewRecord={() => setNewDocOpen(true)}
        onExport={(scope) => void exportNative(scope)}
        onExportDialog={() => setExportDialogOpen(true)}
        onAgreement={() => setAgreementOpen(true)}
        onLabelSet={() => void openLabelSet()}
        onGuideline={openGuideline}
        onHelp={openHelp}
        importInput={importInput}
      />
      <div>
        <StorageAlerts memoryReason={persistence.kind === 'memory' ? (persistence.reason ?? '') : null} closedBy={closedBy} />
        <Notices
          notices={shownNotices}
          onDismiss={(id) => workbench.dismissNotice(id)}
          batch={
            importBatch && {
              order: importBatch.order,
              running: !importBatch.files,
              transient: importBatch.files !== null && !importBatch.files.some((f) => f.refused),
              node: <ImportProgress batch={importBatch} onDismiss={() => workbench.dismissImportBatch()} />,
              onDismiss: () => workbench.dismissImportBatch(),
            }
          }
        />
        <UpdatePrompt idle={waitForWrites} />
      </div>
      <main className="yi-main">
        <DocumentList
          documents={documents}
          openId={session?.document.id ?? null}
          onOpen={actions.open}
          onDelete={actions.delete}
          labels={labels}
          search={actions.search}
          loadLabelCounts={actions.labelCounts}
          onSaveDetails={actions.saveDetails}
          onStatus={actions.saveStatus}
          onDeleteMany={actions.deleteMany}
          onStatusMany={actions.saveStatuses}
        />
        {session ? (
          <Workspace
            key={session.document.id}
            session={session}
            labels={labels}
            loadSpeakers={actions.loadSpeakers}
            onError={actions.reportError}
            onInfo={actions.reportInfo}
            snapMode={snapMode}
            onSnapMode={actions.snapMode}
            readingMeasure={readingMeasure}
            onReadingMeasure={actions.readingMeasure}
            suggest={workbench.suggest}
          />
        ) : (
          <section className="yi-empty">
            <p>{t('reader.empty')}</p>
          </section>
        )}
      </main>
      <footer className="yi-footer">
        <span>{t(persistence.kind === 'memory' ? 'footer.memory' : 'footer.local')}</span>
        <AnnotatorField value={annotator} onSave={(name) => void workbench.setAnnotator(name)} />
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
        load={actions.loadForExport}
        onError={(detail) => workbench.notify('error', { text: t('export.refused', { detail }) })}
      />
      <AgreementDialog
        open={agreementOpen}
        onClose={() => setAgreementOpen(false)}
        hasRecord={session !== null}
        labels={labels}
        load={actions.loadForAgreement}
        onError={actions.reportError}
      />
      <UnknownLabelsDialog question={question} />
      <RestoreDialog question={restoreQuestion} />
      <LabelSetDialog open={labelSetOpen} labels={labels} counts={labelUsage} onChange={actions.saveLabels} onClose={() => setLabelSetOpen(false)} />
      <NewDocumentDialog open={newDocOpen} onCancel={() => setNewDocOpen(false)} onCreate={createRecord} />
      {help}
      {guideline}
    </div>
  );
}
