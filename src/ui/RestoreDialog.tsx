import type { RestoreAnswer, RestoreQuestion as Asked } from '../app/workbench';
import { useModalDialog } from './useModalDialog';
import { useT } from '../i18n/context';

/** The workbench's question, with the dialog's way to answer it. */
export type RestoreQuestion = Asked & { answer(choice: RestoreAnswer): void };

/** Restoring into a library that holds records: merge or replace, saying what each would do. */
export function RestoreDialog({ question }: { question: RestoreQuestion | null }) {
  const ref = useModalDialog(question !== null);
  const t = useT();
  return (
    <dialog ref={ref} className="yi-dialog" data-testid="restore-dialog" onCancel={() => question?.answer('cancel')} aria-labelledby="restore-heading">
      {question && (
        <div className="yi-dialog-body">
          <h2 id="restore-heading">{t('restore.heading')}</h2>
          <p>
            {t('restore.backup', {
              file: question.fileName,
              documents: question.backup.documents,
              annotations: question.backup.annotations,
              when: question.backup.exportedAt ?? '?',
            })}
          </p>
          <p>{t('restore.stored', { documents: question.stored.documents, annotations: question.stored.annotations })}</p>
          <ul>
            <li>{t('restore.mergeExplained')}</li>
            <li>
              {t('restore.replaceExplained')}{' '}
              {question.stored.newerThanBackup > 0 && (
                <strong data-testid="restore-newer">{t('restore.newerWarning', { count: question.stored.newerThanBackup })}</strong>
              )}
            </li>
          </ul>
          <div className="yi-dialog-actions">
            <button type="button" onClick={() => question.answer('cancel')}>
              {t('common.cancel')}
            </button>
            <button type="button" data-testid="restore-replace" onClick={() => question.answer('replace')}>
              {t('restore.replace')}
            </button>
            <button type="button" data-testid="restore-merge" onClick={() => question.answer('merge')}>
              {t('restore.merge')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
