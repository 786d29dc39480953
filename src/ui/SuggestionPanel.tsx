import { memo, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { DocumentSession } from '../app/documentSession';
import { aboveThreshold, type SuggestionReview } from '../app/suggestReview';
import { labelById, labelForKey, type Label } from '../domain/labels';
import type { Suggestion } from '../domain/suggest/suggestion';
import { keyHandler } from '../editor/keymap';
import { useI18n } from '../i18n/context';
import { LabelChip, shortQuote } from './LabelChip';

interface Props {
  review: SuggestionReview;
  session: DocumentSession;
  labels: readonly Label[];
  listRef: RefObject<HTMLOListElement | null>;
  /** The stored model's version, or null when none is trained. */
  modelVersion: string | null;
  /** Trains the learned suggester; resolves when the model is stored. */
  onTrain(onProgress: (done: number, total: number) => void): Promise<void>;
  /** Esc in the list: the keyboard goes back to the text. */
  onDone(): void;
  onInfo(message: string): void;
}

const EXCERPT = 120;

/** The threshold field's value as a confidence, or null when it is not one. */
function parseThreshold(value: string): number | null {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

/**
 * The Suggestions tab: the suggestions of the open record to review by keyboard (the list holds
 * the focus; the current one is marked in the text too), accept-all above a confidence, and the
 * learned suggester's training.
 */
export const SuggestionPanel = memo(function SuggestionPanel({ review, session, labels, listRef, modelVersion, onTrain, onDone, onInfo }: Props) {
  const { t } = useI18n();
  const snapshot = useSyncExternalStore(review.subscribe, review.getSnapshot);
  const [threshold, setThreshold] = useState('0.6');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const value = parseThreshold(threshold);
  const above = value === null ? 0 : aboveThreshold(snapshot.suggestions, value).length;

  // Keep the current item in view in the list.
  useEffect(() => {
    if (!snapshot.currentId) return;
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [snapshot.currentId, listRef]);

  // The review keys of the keymap (keymap.ts), and undo / redo as in the text.
  const onKeyDown = keyHandler(
    ['suggestions', 'history'],
    {
      'review-next': (hit) => void review.step(hit.dir),
      'review-accept': () => void review.acceptCurrent(),
      'review-accept-as': (hit) => void review.acceptCurrent(labelForKey(labels, hit.key)!.id),
      'review-reject': () => void review.rejectCurrent(),
      'review-start': (hit) => void review.moveCurrent('start', hit.dir),
      'review-end': (hit) => void review.moveCurrent('end', hit.dir),
      'review-back': () => void onDone(),
      undo: () => void session.undo(),
      redo: () => void session.redo(),
    },
    (key) => labelForKey(labels, key) !== undefined,
  );

  const acceptAll = () => {
    if (value === null) return;
    const n = review.acceptAbove(value);
    onInfo(t('suggest.accepted', { count: n }));
  };

  const train = async () => {
    setProgress({ done: 0, total: 0 });
    try {
      await onTrain((done, total) => setProgress({ done, total }));
    } finally {
      setProgress(null);
    }
  };

  const status = !snapshot.ran ? t('suggest.notRun') : snapshot.suggestions.length === 0 ? t('suggest.none') : t('suggest.shown', { count: snapshot.suggestions.length });

  return (
    <div className="yi-suggest" data-testid="suggestion-panel">
      <div className="yi-suggest-tools">
        <label className="yi-suggest-threshold">
          <span>{t('suggest.threshold')}</span>
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={threshold}
            aria-invalid={value === null ? 'true' : undefined}
            data-testid="suggestion-threshold"
            onChange={(e) => setThreshold(e.currentTarget.value)}
          />
        </label>
        <button type="button" data-testid="suggestion-accept-all" disabled={above === 0} title={t('suggest.acceptAllTitle')} onClick={acceptAll}>
          {t('suggest.acceptAll', { count: above })}
        </button>
      </div>
      <div className="yi-suggest-tools">
        <button type="button" data-testid="suggest-train" disabled={progress !== null} title={t('suggest.trainTitle')} onClick={() => void train()}>
          {t('suggest.train')}
        </button>
        {progress && (
          <progress
            data-testid="suggest-train-progress"
            aria-label={t('suggest.training')}
            max={Math.max(1, progress.total)}
            value={progress.total ? progress.done : undefined}
          />
        )}
        <span className="yi-muted yi-suggest-model" data-testid="suggest-model-version" data-version={modelVersion ?? ''}>
          {modelVersion ? (
            <>
              {t('suggest.model')} <code className="yi-data">{modelVersion}</code>
            </>
          ) : (
            t('suggest.noModel')
          )}
        </span>
      </div>
      <p className="yi-muted yi-suggest-status" data-testid="suggestion-status" aria-live="polite">
        {status}
      </p>
      <ol
        ref={listRef}
        className="yi-suggestion-list"
        data-testid="suggestion-list"
        role="listbox"
        tabIndex={0}
        aria-label={t('suggest.list')}
        aria-activedescendant={snapshot.currentId ? `suggestion-${snapshot.currentId}` : undefined}
        onKeyDown={onKeyDown}
      >
        {snapshot.suggestions.map((s) => (
          <SuggestionItem key={s.id} s={s} current={s.id === snapshot.currentId} labels={labels} onPick={review.select} />
        ))}
      </ol>
    </div>
  );
});

/** One suggestion: label, confidence, source, speaker, quote and the cues that fired. */
const SuggestionItem = memo(function SuggestionItem({ s, current, labels, onPick }: { s: Suggestion; current: boolean; labels: readonly Label[]; onPick(id: string): void }) {
  const { t } = useI18n();
  const label = labelById(labels, s.label);
  return (
    <li
      id={`suggestion-${s.id}`}
      role="option"
      aria-selected={current}
      className={current ? 'is-current' : undefined}
      data-testid="suggestion-item"
      data-suggestion-id={s.id}
      data-label={s.label}
      data-source={s.source}
      data-confidence={s.confidence}
      data-start={s.start}
      data-end={s.end}
      onClick={() => onPick(s.id)}
    >
      <span className="yi-suggest-line">
        <LabelChip label={label} fallback={s.label} />
        <span className="yi-suggest-confidence" title={t('suggest.confidence')}>
          {s.confidence.toFixed(2)}
        </span>
        <span className="yi-suggest-source">{t(s.source === 'model' ? 'suggest.source.model' : 'suggest.source.rule')}</span>
        {s.speaker && (
          <span className="yi-suggest-speaker yi-data" title={t('suggest.speaker')}>
            {s.speaker}
          </span>
        )}
      </span>
      <span className="yi-excerpt">{shortQuote(s.text, EXCERPT)}</span>
      {s.cues.length > 0 && (
        <span className="yi-suggest-cues yi-data" title={t('suggest.cues')}>
          {s.cues.join(' · ')}
        </span>
      )}
    </li>
  );
});
