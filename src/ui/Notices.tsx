import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/context';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** A success (news): it leaves by itself after a few seconds. Failures stay until dismissed. */
  transient: boolean;
  /** A step the notice offers (e.g. choosing the files of an interrupted import again). */
  action?: { label: string; run(): void };
}

/** The batch import's progress or summary, shown in the same area, placed by `order`. */
export interface NoticeBatch {
  order: number;
  /** Still running: shown first whatever its order. */
  running: boolean;
  /** Over with nothing refused: it leaves by itself like a success notice. */
  transient: boolean;
  node: ReactNode;
  onDismiss(): void;
}

interface Props {
  notices: readonly Notice[];
  onDismiss(id: number): void;
  batch?: NoticeBatch | null;
  /** How long a success stays (the pointer over the area holds it). */
  successMs?: number;
}

/** A success notice's stay, in milliseconds. */
export const SUCCESS_NOTICE_MS = 5000;

/**
 * Leaves after `ms`, unless the pointer is over the notice area then (it is being read): it
 * waits for another turn.
 */
function useLeaveBy(active: boolean, ms: number, area: React.RefObject<HTMLElement | null>, leave: () => void): void {
  const latest = useRef(leave);
  latest.current = leave;
  useEffect(() => {
    if (!active) return;
    let timer = 0;
    const wait = () => {
      timer = window.setTimeout(() => (area.current?.matches(':hover') ? wait() : latest.current()), ms);
    };
    wait();
    return () => clearTimeout(timer);
  }, [active, ms, area]);
}

function Line({ notice, hidden, onDismiss, ms, area }: { notice: Notice; hidden: boolean; onDismiss(id: number): void; ms: number; area: React.RefObject<HTMLElement | null> }) {
  const t = useT();
  useLeaveBy(notice.transient, ms, area, () => onDismiss(notice.id));
  return (
    <p hidden={hidden} className="yi-notice" data-testid="notice" data-kind={notice.kind}>
      <span className="yi-notice-text">{notice.text}</span>
      {notice.action && (
        <button type="button" className="yi-notice-action" data-testid="notice-action" onClick={notice.action.run}>
          {notice.action.label}
        </button>
      )}
      <button type="button" aria-label={t('notice.dismiss')} onClick={() => onDismiss(notice.id)}>
        ×
      </button>
    </p>
  );
}

function BatchBlock({ batch, hidden, first, ms, area }: { batch: NoticeBatch; hidden: boolean; first: boolean; ms: number; area: React.RefObject<HTMLElement | null> }) {
  useLeaveBy(batch.transient, ms, area, batch.onDismiss);
  // Above the notices when it is the newest entry, below them when they came after it.
  return (
    <div hidden={hidden} style={{ order: first ? -1 : 1 }}>
      {batch.node}
    </div>
  );
}

/**
 * The one notice area, above the workbench: newest first, collapsed to the newest entry (a "+N"
 * button shows the rest), so a run of imports never pushes the workbench down by more than one
 * notice. Successes leave by themselves after a few seconds; failures stay until dismissed.
 * Errors are in role="alert" (announced at once), other news in role="status"; the batch
 * import's progress and per-file summary are an entry of the same area.
 */
export function Notices({ notices, onDismiss, batch = null, successMs = SUCCESS_NOTICE_MS }: Props) {
  const t = useT();
  const area = useRef<HTMLElement>(null);
  const [expanded, setExpanded] = useState(false);
  // Newest first: the running batch, then by order (notice ids and the batch's order share one counter).
  const entries: Array<{ order: number; key: string }> = [
    ...notices.map((n) => ({ order: n.id, key: `n${n.id}` })),
    ...(batch ? [{ order: batch.running ? Infinity : batch.order, key: 'batch' }] : []),
  ].sort((a, b) => b.order - a.order);
  const shown = new Set(expanded ? entries.map((x) => x.key) : entries.slice(0, 1).map((x) => x.key));
  const newestFirst = [...notices].sort((a, b) => b.id - a.id);
  const errors = newestFirst.filter((n) => n.kind === 'error');
  const line = (n: Notice) => <Line key={n.id} notice={n} hidden={!shown.has(`n${n.id}`)} onDismiss={onDismiss} ms={successMs} area={area} />;
  useEffect(() => {
    if (entries.length <= 1) setExpanded(false);
  }, [entries.length]);
  return (
    <section
      ref={area}
      className={`yi-notices${expanded ? ' is-expanded' : ''}`}
      data-testid="notice-area"
      data-count={entries.length}
      aria-label={t('notice.area')}
    >
      {entries.length > 1 && (
        <button type="button" className="yi-notices-toggle" data-testid="notices-toggle" aria-expanded={expanded} onClick={() => setExpanded((x) => !x)}>
          {expanded ? t('notice.fewer') : t('notice.more', { count: entries.length - 1 })}
        </button>
      )}
      <div className="yi-notices-list">
        {batch && <BatchBlock batch={batch} hidden={!shown.has('batch')} first={entries[0]?.key === 'batch'} ms={successMs} area={area} />}
        {errors.length > 0 && (
          <div role="alert" className="yi-alert" data-testid="alert">
            {errors.map(line)}
          </div>
        )}
        <div role="status" className="yi-status" data-testid="status">
          {newestFirst.filter((n) => n.kind === 'info').map(line)}
        </div>
      </div>
    </section>
  );
}
