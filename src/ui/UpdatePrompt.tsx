import { useEffect, useState, useSyncExternalStore } from 'react';
import { acceptUpdate, currentUpdate, setIdleCheck, subscribeUpdate, whenIdle } from '../app/appUpdate';
import { useT } from '../i18n/context';

interface Props {
  /** Resolves once no write of this tab is pending. */
  idle(): Promise<void>;
}

/**
 * "A new version is ready — reload": shown once a new version waits and no write is pending;
 * the switch happens only when the analyst presses Reload (after the writes in flight).
 */
export function UpdatePrompt({ idle }: Props) {
  const t = useT();
  const offer = useSyncExternalStore(subscribeUpdate, currentUpdate);
  const [ready, setReady] = useState(false);
  const [switching, setSwitching] = useState(false);
  useEffect(() => setIdleCheck(idle), [idle]);
  useEffect(() => {
    if (!offer) return setReady(false);
    let live = true;
    void whenIdle().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [offer]);
  if (!offer || !ready) return null;
  return (
    <div role="status" className="yi-status yi-update" data-testid="update-ready">
      <p>
        <span>{t('update.ready')}</span>
        <button
          type="button"
          className="yi-button"
          data-testid="update-reload"
          disabled={switching}
          onClick={() => {
            setSwitching(true);
            void acceptUpdate();
          }}
        >
          {switching ? t('update.switching') : t('update.reload')}
        </button>
      </p>
    </div>
  );
}
