import type { UnknownLabelsAnswer, UnknownLabelsQuestion as Asked } from '../app/workbench';
import { useModalDialog } from './useModalDialog';
import { useT } from '../i18n/context';

/** The workbench's question, with the dialog's way to answer it. */
export type UnknownLabelsQuestion = Asked & { answer(choice: UnknownLabelsAnswer): void };

/** Asks what to do with labels an imported file uses that the label set does not have. */
export function UnknownLabelsDialog({ question }: { question: UnknownLabelsQuestion | null }) {
  const ref = useModalDialog(question !== null);
  const t = useT();
  return (
    <dialog ref={ref} className="yi-dialog" data-testid="unknown-labels-dialog" onCancel={() => question?.answer('cancel')} aria-labelledby="unknown-labels-heading">
      {question && (
        <div className="yi-dialog-body">
          <h2 id="unknown-labels-heading">{t('unknown.heading')}</h2>
          <p>
            {t('unknown.text', { file: question.fileName })}{' '}
            {question.labels.map((l) => <code key={l}>{l}</code>).reduce<React.ReactNode[]>((out, el, i) => (i ? [...out, t('common.listSeparator'), el] : [el]), [])}
          </p>
          <div className="yi-dialog-actions">
            <button type="button" onClick={() => question.answer('cancel')}>{t('unknown.cancel')}</button>
            <button type="button" data-testid="unknown-labels-skip" onClick={() => question.answer('skip')}>{t('unknown.skip')}</button>
            <button type="button" data-testid="unknown-labels-add" onClick={() => question.answer('add')}>{t('unknown.add')}</button>
          </div>
        </div>
      )}
    </dialog>
  );
}
