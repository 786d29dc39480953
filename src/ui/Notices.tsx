import { useT } from '../i18n/context';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface Props {
  notices: readonly Notice[];
  onDismiss(id: number): void;
}

function NoticeLines({ notices, onDismiss }: Props) {
  const t = useT();
  return notices.map((n) => (
    <p key={n.id}>
      <span className="yi-notice-text">{n.text}</span>
      <button type="button" aria-label={t('notice.dismiss')} onClick={() => onDismiss(n.id)}>
        ×
      </button>
    </p>
  ));
}

/** Errors in role="alert" (announced at once), other news in role="status". */
export function Notices({ notices, onDismiss }: Props) {
  const errors = notices.filter((n) => n.kind === 'error');
  return (
    <div className="yi-notices">
      {errors.length > 0 && (
        <div role="alert" className="yi-alert" data-testid="alert">
          <NoticeLines notices={errors} onDismiss={onDismiss} />
        </div>
      )}
      <div role="status" className="yi-status" data-testid="status">
        <NoticeLines notices={notices.filter((n) => n.kind === 'info')} onDismiss={onDismiss} />
      </div>
    </div>
  );
}
