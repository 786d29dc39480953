import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSession } from '../app/documentSession';
import type { SuggestServices } from '../app/suggestClient';
import { SuggestionReview } from '../app/suggestReview';
import { useI18n } from '../i18n/context';
import type { Editor } from '@tiptap/core';
import type { SidebarTab } from './SidebarTabs';

/**
 * Assisted tagging in the workspace: the review of the open record's suggestions, drawn in the
 * text as they change, the sidebar tab, running the suggesters and training the learned one.
 */
export function useAssistedTagging(
  session: DocumentSession,
  suggest: SuggestServices,
  editor: React.RefObject<Editor | null>,
  onError: (message: string) => void,
  onInfo: (message: string) => void,
) {
  const t = useI18n().t;
  const tRef = useRef(t);
  tRef.current = t;
  const review = useMemo(() => new SuggestionReview(session, suggest.store, onError), [session, suggest, onError]);
  useEffect(() => review.attach(), [review]);
  const [tab, setTab] = useState<SidebarTab>('annotations');
  const listRef = useRef<HTMLOListElement>(null);
  // After a run the keyboard goes to the list (once it shows), where the review keys work.
  const [focusList, setFocusList] = useState(0);
  useEffect(() => {
    if (focusList > 0) listRef.current?.focus();
  }, [focusList]);
  const [modelVersion, setModelVersion] = useState<string | null>(null);
  useEffect(() => {
    suggest.modelVersion().then(setModelVersion, () => setModelVersion(null));
  }, [suggest]);

  // What the review shows is drawn in the text; a new current suggestion is scrolled to.
  useEffect(() => {
    let shown: unknown = null;
    let current: string | null = null;
    const sync = () => {
      const e = editor.current;
      const snap = review.getSnapshot();
      if (!e) return;
      if (snap.suggestions !== shown) {
        shown = snap.suggestions;
        const index = session.index;
        const views = snap.suggestions.map((s) => ({ id: s.id, label: s.label, start: index.toUtf16(s.start), end: index.toUtf16(s.end) }));
        e.commands.setSuggestions(views, snap.currentId);
      }
      if (snap.currentId !== current) {
        current = snap.currentId;
        e.commands.setCurrentSuggestion(current);
      }
    };
    sync();
    return review.subscribe(sync);
  }, [review, editor, session]);

  const run = useCallback(async () => {
    try {
      await review.run();
      setTab('suggestions');
      setFocusList((n) => n + 1);
    } catch (e) {
      onError(tRef.current('suggest.runFailed', { detail: e instanceof Error ? e.message : String(e) }));
    }
  }, [review, onError]);

  const train = useCallback(
    async (onProgress: (done: number, total: number) => void) => {
      try {
        await session.idle();
        const result = await suggest.train(onProgress);
        setModelVersion(result.model.modelVersion);
        const mode = tRef.current(result.incremental ? 'suggest.trainedIncremental' : 'suggest.trainedFresh');
        onInfo(tRef.current('suggest.trained', { examples: result.examples, mode }));
        if (review.getSnapshot().ran) await review.run();
      } catch (e) {
        onError(tRef.current('suggest.trainFailed', { detail: e instanceof Error ? e.message : String(e) }));
      }
    },
    [session, suggest, review, onError, onInfo],
  );

  // A click on a suggestion in the text makes it current (the innermost; again: the next one out).
  const clickInText = useCallback(
    (ids: string[]) => {
      const current = review.getSnapshot().currentId;
      const at = current ? ids.indexOf(current) : -1;
      const next = at > 0 ? ids[at - 1]! : ids[ids.length - 1]!;
      review.select(next);
      setTab('suggestions');
    },
    [review],
  );

  return { review, tab, setTab, listRef, modelVersion, run: () => void run(), train, clickInText };
}
