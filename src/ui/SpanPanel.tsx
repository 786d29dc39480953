import { forwardRef, memo, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { DocumentSession } from '../app/documentSession';
import type { Annotation } from '../domain/annotation';
import { labelById, type Label } from '../domain/labels';
import { DEFAULT_RELATION_TYPES, defaultRelationType } from '../domain/relations';
import { keyHandler } from '../editor/keymap';
import { useI18n } from '../i18n/context';
import { LabelChip, shortQuote } from './LabelChip';
import { relationTypeName } from '../i18n/messages';


/** What the workspace may ask of the panel from the keyboard (keys s, n, r in the text). */
export interface SpanPanelHandle {
  focusSpeaker(): void;
  focusNote(): void;
  startLink(): void;
}

interface Props {
  session: DocumentSession;
  annotations: readonly Annotation[];
  selected: Annotation;
  labels: readonly Label[];
  speakers: readonly string[];
  /** Returns the keyboard to the text. */
  onDone(): void;
  /** Link mode: a click on a span in the text picks the target while this is true. */
  onLinkingChange(linking: boolean): void;
}

const MAX_CANDIDATES = 50;

/**
 * The selected span's speaker, note and relations, editable by keyboard and mouse. Memoised: the
 * workspace renders for every change of the save state, which changes nothing shown here.
 */
export const SpanPanel = memo(forwardRef<SpanPanelHandle, Props>(function SpanPanel(
  { session, annotations, selected, labels, speakers, onDone, onLinkingChange },
  ref,
) {
  const { t, language } = useI18n();
  const [speaker, setSpeaker] = useState(selected.speaker ?? '');
  const [note, setNote] = useState(selected.note ?? '');
  const [linking, setLinking] = useState(false);
  const speakerRef = useRef<HTMLInputElement>(null);
  /** Set by Enter (saved already) and Esc (discarded): the blur that follows must not save the draft. */
  const skipBlurSave = useRef(false);
  const saveOnBlur = (patch: { speaker?: string; note?: string }) => {
    if (skipBlurSave.current) {
      skipBlurSave.current = false;
      return;
    }
    save(patch);
  };
  const noteRef = useRef<HTMLTextAreaElement>(null);

  // Another span selected, or this one changed (undo, another tab): show what is stored.
  useEffect(() => setSpeaker(selected.speaker ?? ''), [selected.id, selected.speaker]);
  useEffect(() => setNote(selected.note ?? ''), [selected.id, selected.note]);
  useEffect(() => setLinking(false), [selected.id]);
  // Link mode ends with the panel too (the span deselected): no later click may become a target.
  useEffect(() => {
    onLinkingChange(linking);
    return () => onLinkingChange(false);
  }, [linking, onLinkingChange]);

  useImperativeHandle(ref, () => ({
    focusSpeaker: () => speakerRef.current?.focus(),
    focusNote: () => noteRef.current?.focus(),
    startLink: () => setLinking(true),
  }));

  const save = (patch: { speaker?: string; note?: string }) => {
    try {
      session.updateAttributes(selected.id, patch);
    } catch (error) {
      // A note over the length limit: say so, keep the text in the field.
      window.alert(t('span.tooLong', { detail: error instanceof Error ? error.message : String(error) }));
    }
  };

  /** Enter saved (or Esc discarded) a field: the blur that follows saves nothing; back to the text. */
  const finish = (then: () => void) => {
    then();
    skipBlurSave.current = true;
    onDone();
  };

  const byId = { get: (id: string) => session.find(id) };
  const outgoing = (selected.links ?? []).filter((l) => session.find(l.to)).map((l) => ({ ...l, from: selected.id }));
  const incoming = useMemo(
    () => {
      const out: { id: string; type: string; to: string; from: string }[] = [];
      for (const a of annotations) {
        if (!a.links) continue;
        for (const l of a.links) if (l.to === selected.id) out.push({ ...l, from: a.id });
      }
      return out;
    },
    [annotations, selected.id],
  );
  const typeName = (id: string) => relationTypeName(id, language);
  const chip = (a: Annotation | undefined) => {
    const label = a && labelById(labels, a.label);
    return (
      <LabelChip label={label} fallback={a?.label ?? '?'} />
    );
  };
  const selectedLabel = labelById(labels, selected.label);

  return (
    <section className="yi-span-panel" aria-label={t('span.heading')} data-testid="span-panel">
      <h3>
        {chip(selected)} <span className="yi-span-quote">{shortQuote(selected.text, 60)}</span>
      </h3>
      <label className="yi-field">
        <span>{t('span.speaker')}</span>
        <input
          ref={speakerRef}
          data-testid="span-speaker"
          list="yi-speakers"
          value={speaker}
          placeholder={t('span.speakerHint')}
          onChange={(e) => setSpeaker(e.currentTarget.value)}
          onFocus={() => (skipBlurSave.current = false)}
          onBlur={() => saveOnBlur({ speaker })}
          onKeyDown={keyHandler(['field'], {
            'field-save': () => finish(() => save({ speaker })),
            'field-cancel': () => finish(() => setSpeaker(selected.speaker ?? '')),
          })}
        />
        <datalist id="yi-speakers">
          {speakers.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <label className="yi-field">
        <span>{t('span.note')}</span>
        <textarea
          ref={noteRef}
          data-testid="span-note"
          rows={2}
          value={note}
          placeholder={t('span.noteHint')}
          onChange={(e) => setNote(e.currentTarget.value)}
          onFocus={() => (skipBlurSave.current = false)}
          onBlur={() => saveOnBlur({ note })}
          onKeyDown={keyHandler(['field'], {
            'note-save': () => finish(() => save({ note })),
            'field-cancel': () => finish(() => setNote(selected.note ?? '')),
          })}
        />
      </label>
      {(selected.annotator || selected.origin) && (
        <p className="yi-muted yi-span-meta">
          {selected.annotator && (
            <>
              {t('span.annotator')}: <span data-testid="span-annotator">{selected.annotator}</span>{' '}
            </>
          )}
          {selected.origin && (
            <>
              {t('span.origin')}: {t(`span.origin.${selected.origin.kind}`)}
              {selected.origin.modelVersion ? ` (${selected.origin.modelVersion})` : ''}
            </>
          )}
        </p>
      )}
      <div className="yi-span-relations">
        <h4>{t('span.relations')}</h4>
        {outgoing.length + incoming.length === 0 ? (
          <p className="yi-muted">{t('span.noRelations')}</p>
        ) : (
          <ul>
            {[...outgoing, ...incoming].map((r) => {
              const other = byId.get(r.from === selected.id ? r.to : r.from);
              return (
                <li key={r.id}>
                  <span className="yi-muted">{r.from === selected.id ? `→ ${typeName(r.type)}` : `← ${typeName(r.type)}`}</span>{' '}
                  {chip(other)} <span title={other?.text}>{shortQuote(other?.text ?? '', 36)}</span>
                  <button type="button" className="yi-icon-button" aria-label={t('span.removeRelation')} title={t('span.removeRelation')} onClick={() => session.unlink(r.from, r.id)}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {linking ? (
          <LinkPicker
            annotations={annotations}
            from={selected}
            labels={labels}
            onPick={(to, type) => {
              session.link(selected.id, to, type);
              setLinking(false);
              onDone();
            }}
            onCancel={() => {
              setLinking(false);
              onDone();
            }}
          />
        ) : (
          <button type="button" data-testid="link-start" onClick={() => setLinking(true)} disabled={!selectedLabel && labels.length === 0}>
            {t('span.link')} <kbd>R</kbd>
          </button>
        )}
      </div>
    </section>
  );
}));

interface PickerProps {
  annotations: readonly Annotation[];
  from: Annotation;
  labels: readonly Label[];
  onPick(to: string, type: string): void;
  onCancel(): void;
}

/**
 * Chooses a relation's target by keyboard: spans whose label fits a relation from this one come
 * first, nearest first; typing filters by quote, label or speaker.
 */
function LinkPicker({ annotations, from, labels, onPick, onCancel }: PickerProps) {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [type, setType] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // On a short screen the panel scrolls: bring the whole picker, its list of targets included, into view.
    rootRef.current?.scrollIntoView({ block: 'nearest' });
    inputRef.current?.focus({ preventScroll: true });
  }, []);

  const candidates = useMemo(() => {
    const fits = new Set(DEFAULT_RELATION_TYPES.filter((t) => t.fromLabels.includes(from.label)).flatMap((t) => t.toLabels));
    const q = query.trim().toLowerCase();
    const matches = (a: Annotation) => {
      if (!q) return true;
      const label = labelById(labels, a.label);
      return [a.text, a.label, label?.name, label?.nameEn, a.speaker].some((s) => s?.toLowerCase().includes(q));
    };
    return annotations
      .filter((a) => a.id !== from.id && matches(a))
      .map((a) => ({ a, fit: fits.has(a.label) ? 0 : 1, distance: Math.abs(a.start - from.start) }))
      .sort((x, y) => x.fit - y.fit || x.distance - y.distance)
      .slice(0, MAX_CANDIDATES)
      .map((c) => c.a);
  }, [annotations, from, labels, query]);

  const current = candidates[Math.min(active, candidates.length - 1)];
  const effectiveType = type ?? (current ? defaultRelationType(from.label, current.label) : null) ?? DEFAULT_RELATION_TYPES[0]!.id;
  const listId = `yi-link-candidates-${from.id}`;

  return (
    <div className="yi-link-picker" data-testid="link-picker" ref={rootRef}>
      <h4>{t('link.heading')}</h4>
      <p className="yi-muted">{t('link.hint')}</p>
      <div className="yi-link-controls">
        <input
          ref={inputRef}
          data-testid="link-target-search"
          aria-label={t('link.search')}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={keyHandler(['field'], {
            'pick-step': (hit) => setActive((i) => Math.max(0, Math.min(i + hit.dir, candidates.length - 1))),
            'pick-choose': () => current !== undefined && void onPick(current.id, effectiveType),
            'field-cancel': () => onCancel(),
          })}
        />
        <select
          data-testid="link-type"
          aria-label={t('link.type')}
          value={effectiveType}
          onChange={(e) => setType(e.currentTarget.value)}
        >
          {DEFAULT_RELATION_TYPES.map((type) => (
            <option key={type.id} value={type.id}>
              {relationTypeName(type.id, language)}
            </option>
          ))}
        </select>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <ul id={listId} role="listbox" aria-label={t('link.candidates')} className="yi-link-candidates">
        {candidates.map((a, i) => {
          const label = labelById(labels, a.label);
          return (
            <li
              key={a.id}
              id={`${listId}-${a.id}`}
              role="option"
              aria-selected={a === current}
              data-annotation-id={a.id}
              className={a === current ? 'is-active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(a.id, type ?? defaultRelationType(from.label, a.label) ?? effectiveType)}
              onMouseEnter={() => setActive(i)}
            >
              <LabelChip label={label} fallback={a.label} /> {shortQuote(a.text, 48)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

