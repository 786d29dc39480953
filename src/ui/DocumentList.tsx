import { memo, useState } from 'react';
import type { DocumentSummary } from '../storage/library';
import { useI18n } from '../i18n/context';
import type { Language } from '../i18n/messages';

interface Props {
  documents: readonly DocumentSummary[];
  openId: string | null;
  onOpen(id: string): void;
  onDelete(id: string): void;
}

/** One formatter per language for every row: `toLocaleString` builds a new one per call (~1 ms each). */
const DATE_TIME = new Map<Language, Intl.DateTimeFormat>();

function when(iso: string, language: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  let format = DATE_TIME.get(language);
  if (!format) DATE_TIME.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' })));
  return format.format(d);
}

/** The library: every stored record with its span count and last change. */
export const DocumentList = memo(function DocumentList({ documents, openId, onOpen, onDelete }: Props) {
  const { t, language } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <nav className="yi-doclist" aria-labelledby="doclist-heading">
      <h2 id="doclist-heading">{t('docs.heading')}</h2>
      <ul data-testid="doc-list">
        {documents.map((d) => (
          <li
            key={d.id}
            data-testid="doc-item"
            data-doc-id={d.id}
            className={d.id === openId ? 'is-open' : undefined}
            // A click anywhere on the item opens it, except on its delete controls.
            onClick={(e) => {
              if (!(e.target as Element).closest('.yi-doc-delete, .yi-confirm')) onOpen(d.id);
            }}
          >
            <button type="button" className="yi-doc-open" aria-current={d.id === openId}>
              <span className="yi-doc-title">{d.title}</span>
              <span className="yi-muted">
                {t('docs.meta', { count: d.annotationCount, when: when(d.updatedAt, language) })}
              </span>
            </button>
            {confirming === d.id ? (
              <span className="yi-confirm" role="group" aria-label={t('docs.confirmLabel', { title: d.title })}>
                {t('docs.confirmText', { count: d.annotationCount })}
                <button type="button" data-testid="confirm-delete" onClick={() => { setConfirming(null); onDelete(d.id); }}>
                  {t('docs.delete')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('docs.keep')}
                </button>
              </span>
            ) : (
              <button type="button" className="yi-doc-delete" data-testid="delete-doc" title={t('docs.deleteTitle', { title: d.title })} aria-label={t('docs.deleteTitle', { title: d.title })} onClick={() => setConfirming(d.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {documents.length === 0 && <p className="yi-muted">{t('docs.empty')}</p>}
    </nav>
  );
});
