import type { Editor } from '@tiptap/core';
import type { Utf16Range } from '../domain/units';
import { dispatchKey } from '../editor/keymap';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSession } from '../app/documentSession';
import type { SuggestServices } from '../app/suggestClient';
import type { Label } from '../domain/labels';
import type { SnapMode } from '../domain/snap';
import { READING_MEASURES, type ReadingMeasure } from '../domain/settings';
import { useI18n } from '../i18n/context';
import { AnnotationSidebar } from './AnnotationSidebar';
import { FindBar } from './FindBar';
import { LabelBar } from './LabelBar';
import { RecordEditor } from './RecordEditor';
import { RelationList } from './RelationList';
import { SidebarTabs } from './SidebarTabs';
import { SpanPanel, type SpanPanelHandle } from './SpanPanel';
import { SuggestionPanel } from './SuggestionPanel';
import { useAssistedTagging } from './useAssistedTagging';
import { useSessionSnapshot } from './useSession';

export interface WorkspaceProps {
  session: DocumentSession;
  labels: readonly Label[];
  loadSpeakers(): Promise<string[]>;
  onError(message: string): void;
  onInfo(message: string): void;
  snapMode: SnapMode;
  onSnapMode(mode: SnapMode): void;
  readingMeasure: ReadingMeasure;
  onReadingMeasure(measure: ReadingMeasure): void;
  suggest: SuggestServices;
}

/**
 * The open record's reader and side column. Memoised: the app re-renders on every stored change
 * (the record list's count and date), and that must not re-render the workspace a second time.
 */
export const Workspace = memo(function Workspace({ session, labels, loadSpeakers, onError, onInfo, snapMode, onSnapMode, readingMeasure, onReadingMeasure, suggest }: WorkspaceProps) {
  const t = useI18n().t;
  useEffect(() => session.setSnapMode(snapMode), [session, snapMode]);
  // The record's editor, once connected: everything drawn into it goes through its commands.
  const editor = useRef<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => {
    editor.current = e;
  }, []);

  // Ctrl+F opens find in the record (the browser's find cannot see or tag annotations).
  const [findOpen, setFindOpen] = useState(false);
  const [findKey, setFindKey] = useState(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const handled = dispatchKey(e, ['record'], {
        find: () => {
          setFindOpen(true);
          setFindKey((k) => k + 1); // focus the field again when it is open already
        },
      });
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // (Commands return whether they ran: these callbacks return nothing, an effect's result is its cleanup.)
  const showMatches = useCallback((matches: readonly Utf16Range[], current: number) => {
    editor.current?.commands.setFindMatches(matches, current);
  }, []);
  const closeFind = useCallback(() => {
    setFindOpen(false);
    editor.current?.commands.focusText();
  }, []);
  const snapshot = useSessionSnapshot(session);
  const selected = snapshot.selectedId ? session.find(snapshot.selectedId) : undefined;
  const panel = useRef<SpanPanelHandle>(null);

  // Speakers offered as completions: the library's, read once, and this record's as they change.
  const [librarySpeakers, setLibrarySpeakers] = useState<string[]>([]);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  useEffect(() => {
    // Once per record opened: it reads every annotation of the library.
    loadSpeakers().then(setLibrarySpeakers, (e: unknown) => onErrorRef.current(e instanceof Error ? e.message : String(e)));
  }, [loadSpeakers]);
  const speakers = useMemo(() => {
    const all = new Set<string>();
    for (const a of snapshot.annotations) if (a.speaker) all.add(a.speaker);
    for (const s of librarySpeakers) all.add(s);
    return [...all];
  }, [snapshot.annotations, librarySpeakers]);

  // Link mode: the next span selected (in the text or the list) becomes the relation's target.
  const linkFrom = useRef<string | null>(null);
  const onLinkingChange = useCallback(
    (linking: boolean) => {
      linkFrom.current = linking ? session.getSnapshot().selectedId : null;
    },
    [session],
  );
  useEffect(() => {
    const from = linkFrom.current;
    const to = snapshot.selectedId;
    if (!from || !to || to === from) return;
    linkFrom.current = null;
    session.link(from, to);
    session.select(from);
  }, [session, snapshot.selectedId]);

  const onSpanCommand = useCallback((id: 'speaker' | 'note' | 'link') => {
    const p = panel.current;
    if (!p) return false;
    if (id === 'speaker') p.focusSpeaker();
    else if (id === 'note') p.focusNote();
    else p.startLink();
    return true;
  }, []);
  const focusText = useCallback(() => {
    editor.current?.commands.focusText();
  }, []);
  const findAnnotation = useCallback((id: string) => session.find(id), [session]);
  const save = snapshot.save;
  // Stable callbacks: the label bar, editor and sidebar are memoised and skip the re-render of a
  // snapshot that changes only the save state.
  const applyLabel = useCallback((id: string) => {
    editor.current?.commands.applyLabel(id);
  }, []);
  const pick = useCallback(
    (id: string) => {
      session.select(id);
      const a = session.find(id);
      if (!a) return;
      const commands = editor.current?.commands;
      commands?.revealRange({ start: session.index.toUtf16(a.start), end: session.index.toUtf16(a.end) });
      commands?.focusText();
    },
    [session],
  );
  const assisted = useAssistedTagging(session, suggest, editor, onError, onInfo);
  // Made once per change of what they show: new elements on every render would make the memoised
  // sidebar render again for a change of the save state alone.
  const { tab, setTab, review, listRef, modelVersion, train } = assisted;
  const sidebarTabs = useMemo(() => <SidebarTabs tab={tab} onTab={setTab} />, [tab, setTab]);
  const suggestionTab = useMemo(
    () => (
      <div role="tabpanel" id="suggestion-tabpanel" aria-labelledby="tab-suggestions" hidden={tab !== 'suggestions'}>
        <SuggestionPanel
          review={review}
          session={session}
          labels={labels}
          listRef={listRef}
          modelVersion={modelVersion}
          onTrain={train}
          onDone={focusText}
          onInfo={onInfo}
        />
      </div>
    ),
    [tab, review, session, labels, listRef, modelVersion, train, focusText, onInfo],
  );
  return (
    <>
      <section className="yi-reader" aria-label={session.document.title}>
        <div>
          <div className="yi-reader-bar">
            <LabelBar labels={labels} onApply={applyLabel} />
            <div className="yi-reader-tools">
              <label className="yi-snap" title={t('snap.title')}>
                <span>{t('snap.label')}</span>
                <select data-testid="snap-mode" value={snapMode} onChange={(e) => onSnapMode(e.currentTarget.value as SnapMode)}>
                  <option value="none">{t('snap.none')}</option>
                  <option value="clause">{t('snap.clause')}</option>
                  <option value="word">{t('snap.word')}</option>
                </select>
              </label>
              <label className="yi-snap" title={t('measure.title')}>
                <span>{t('measure.label')}</span>
                <select data-testid="reading-measure" value={readingMeasure} onChange={(e) => onReadingMeasure(e.currentTarget.value as ReadingMeasure)}>
                  {READING_MEASURES.map((m) => (
                    <option key={m} value={m}>
                      {t(`measure.${m}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" data-testid="suggest-run" title={t('suggest.runTitle')} onClick={assisted.run}>
                {t('suggest.run')}
              </button>
              <span className={`yi-save yi-save-${save.kind}`} data-testid="save-state" data-state={save.kind}>
                {t(save.kind === 'saved' ? 'save.saved' : save.kind === 'saving' ? 'save.saving' : 'save.failed')}
              </span>
            </div>
          </div>
          {findOpen && (
            <FindBar focusSignal={findKey} session={session} labels={labels} show={showMatches} onClose={closeFind} onInfo={onInfo} />
          )}
        </div>
        <div className="yi-scroll" data-measure={readingMeasure}>
          <RecordEditor session={session} labels={labels} onEditor={onEditor} onSpanCommand={onSpanCommand} onSuggestionClick={assisted.clickInText} />
        </div>
        <p className="yi-keys yi-muted">{t('reader.hint')}</p>
      </section>
      <div className="yi-side">
        {selected && (
          <SpanPanel
            ref={panel}
            session={session}
            annotations={snapshot.annotations}
            selected={selected}
            labels={labels}
            speakers={speakers}
            onDone={focusText}
            onLinkingChange={onLinkingChange}
          />
        )}
        <AnnotationSidebar
          annotations={snapshot.annotations}
          labels={labels}
          selectedId={snapshot.selectedId}
          onPick={pick}
          tabs={sidebarTabs}
          listHidden={tab !== 'annotations'}
        >
          {suggestionTab}
        </AnnotationSidebar>
        <RelationList annotations={snapshot.annotations} find={findAnnotation} labels={labels} onPick={pick} />
      </div>
    </>
  );
});
