import { useRef, useState } from 'react';
import { DOCUMENT_STATUSES, type DocumentMeta, type DocumentStatus } from '../domain/document';
import type { DocumentSummary } from '../app/workbench';
import { problemOf } from '../domain/problem';
import { errorText } from './noticeText';
import { useI18n } from '../i18n/context';
import { useModalDialog } from './useModalDialog';

/** What the analyst changed: a field left as it was is not sent (so it is kept as stored). */
export interface DetailsPatch {
  title?: string;
  meta: Partial<Pick<DocumentMeta, 'date' | 'meeting' | 'source' | 'tags' | 'status'>>;
}

interface Props {
  /** The record whose details are edited; null when the dialog is closed. */
  record: DocumentSummary | null;
  onClose(): void;
  /** Stores the details; throws (the message is shown in the dialog) if they were not stored. */
  onSave(id: string, patch: DetailsPatch): Promise<void>;
}

/** Tags typed as one line: separated by commas (, or ，), 、 or semicolons; trimmed, each once. */
export function parseTags(line: string): string[] {
  return [...new Set(line.split(/[,，、;；]/).map((t) => t.trim()).filter(Boolean))];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The record's title and details (date, meeting, source, tags, status); never its text. */
export function DocumentDetailsDialog({ record, onClose, onSave }: Props) {
  const { t, language } = useI18n();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [meeting, setMeeting] = useState('');
  const [source, setSource] = useState('');
  const [tags, setTags] = useState('');
  const [status, setStatus] = useState<DocumentStatus>('not_started');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** The fields as the dialog opened: only what the analyst changed is saved, so a value another tab set meanwhile, or a date this form cannot show, is kept. */
  const opened = useRef({ title: '', date: '', meeting: '', source: '', tags: '', status: 'not_started' as DocumentStatus });
  const ref = useModalDialog(record !== null, () => {
    const m = record!.meta;
    const initial = {
      title: record!.title,
      date: typeof m.date === 'string' && ISO_DATE.test(m.date) ? m.date : '',
      meeting: typeof m.meeting === 'string' ? m.meeting : '',
      source: typeof m.source === 'string' ? m.source : '',
      tags: Array.isArray(m.tags) ? m.tags.join(language === 'zh-CN' ? '、' : ', ') : '',
      status: m.status && DOCUMENT_STATUSES.includes(m.status) ? m.status : ('not_started' as DocumentStatus),
    };
    opened.current = initial;
    setTitle(initial.title);
    setDate(initial.date);
    setMeeting(initial.meeting);
    setSource(initial.source);
    setTags(initial.tags);
    setStatus(initial.status);
    setError(null);
  });
  const optional = (s: string) => s.trim() || undefined;
  return (
    <dialog ref={ref} className="yi-dialog yi-details" data-testid="doc-details-dialog" onCancel={onClose} onClose={onClose} aria-labelledby="doc-details-heading">
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!record || saving) return;
          if (!title.trim()) return setError(t('details.emptyTitle'));
          setSaving(true);
          try {
            const was = opened.current;
            const meta: DetailsPatch['meta'] = {};
            if (date !== was.date) meta.date = optional(date);
            if (meeting !== was.meeting) meta.meeting = optional(meeting);
            if (source !== was.source) meta.source = optional(source);
            if (tags !== was.tags) meta.tags = parseTags(tags);
            if (status !== was.status) meta.status = status;
            await onSave(record.id, { ...(title.trim() !== was.title && { title: title.trim() }), meta });
            onClose();
          } catch (err) {
            // The workbench's refusal names the record; anything else is said to be not saved.
            setError(problemOf(err) ? errorText(language, err) : t('details.failed', { detail: errorText(language, err) }));
          } finally {
            setSaving(false);
          }
        }}
      >
        <h2 id="doc-details-heading">{t('details.heading')}</h2>
        <label>
          {t('details.title')}
          <input data-testid="doc-details-title" value={title} required onChange={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <div className="yi-details-row">
          <label>
            {t('details.date')}
            <input type="date" data-testid="doc-details-date" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          </label>
          <label>
            {t('details.status')}
            <select data-testid="doc-details-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as DocumentStatus)}>
              {DOCUMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          {t('details.meeting')}
          <input data-testid="doc-details-meeting" value={meeting} placeholder={t('details.meetingPlaceholder')} onChange={(e) => setMeeting(e.currentTarget.value)} />
        </label>
        <label>
          {t('details.source')}
          <input data-testid="doc-details-source" value={source} placeholder={t('details.sourcePlaceholder')} onChange={(e) => setSource(e.currentTarget.value)} />
        </label>
        <label>
          {t('details.tags')}
          <input data-testid="doc-details-tags" value={tags} placeholder={t('details.tagsHint')} onChange={(e) => setTags(e.currentTarget.value)} />
        </label>
        {error && (
          <p role="alert" className="yi-details-error">
            {error}
          </p>
        )}
        <div className="yi-dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" data-testid="doc-details-save" disabled={saving}>
            {t('details.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
