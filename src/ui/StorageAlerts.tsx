import type { ClosedByOther } from '../app/workbench';
import { useT } from '../i18n/context';

interface Props {
  /** Set when the library runs in memory: nothing will be kept. */
  memoryReason: string | null;
  closedBy: ClosedByOther | null;
}

/** Alerts that last the whole session: a library in memory, or one another tab closed. */
export function StorageAlerts({ memoryReason, closedBy }: Props) {
  const t = useT();
  return (
    <>
      {memoryReason !== null && (
        <div role="alert" className="yi-notices yi-alert" data-testid="storage-warning">
          <p>
            <span>
              <strong>{t('storage.memoryTitle')}</strong> {t('storage.memoryBody')} {t('storage.memoryReason', { detail: memoryReason })}
            </span>
          </p>
        </div>
      )}
      {closedBy && (
        <div role="alert" className="yi-alert" data-testid="library-closed">
          <p style={{ margin: 0, padding: '6px 16px', display: 'flex', gap: 12, alignItems: 'center' }}>
            <span>
              <strong>{t(closedBy.cause === 'delete' ? 'storage.deletedTitle' : 'storage.closedTitle')}</strong>{' '}
              {t(closedBy.cause === 'delete' ? 'storage.deletedBody' : 'storage.closedBody')}
            </span>
            <button type="button" className="yi-button" data-testid="reload" onClick={() => window.location.reload()}>
              {t('storage.reload')}
            </button>
          </p>
        </div>
      )}
    </>
  );
}
