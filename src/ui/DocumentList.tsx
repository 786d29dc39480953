import { memo, useState } from 'react';
import type { DocumentSummary } from '../storage/library';

interface Props {
  documents: readonly DocumentSummary[];
  openId: string | null;
  onOpen(id: string): void;
  onDelete(id: string): void;
}

/** One formatter for every row: `toLocaleString` builds a new one per call (~1 ms each). */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short' });

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : DATE_TIME.format(d);
}

/** The library: every stored record with its span count and last change. */
export const DocumentList = memo(function DocumentList({ documents, openId, onOpen, onDelete }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <nav className="yi-doclist" aria-label="Records">
      <h2>记录 Records</h2>
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
                {d.annotationCount} spans · {when(d.updatedAt)}
              </span>
            </button>
            {confirming === d.id ? (
              <span className="yi-confirm" role="group" aria-label={`Delete ${d.title}?`}>
                Delete with its {d.annotationCount} annotations?
                <button type="button" data-testid="confirm-delete" onClick={() => { setConfirming(null); onDelete(d.id); }}>
                  Delete
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="yi-doc-delete" data-testid="delete-doc" title={`Delete “${d.title}”`} onClick={() => setConfirming(d.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {documents.length === 0 && <p className="yi-muted">No records yet: import a .txt or .md file, or a Yishi, Label Studio, doccano, JSONL or brat export.</p>}
    </nav>
  );
});
