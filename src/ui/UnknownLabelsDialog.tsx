import { useModalDialog } from './useModalDialog';

export interface UnknownLabelsQuestion {
  fileName: string;
  labels: string[];
  answer(choice: 'add' | 'skip' | 'cancel'): void;
}

/** Asks what to do with labels an imported file uses that the label set does not have. */
export function UnknownLabelsDialog({ question }: { question: UnknownLabelsQuestion | null }) {
  const ref = useModalDialog(question !== null);
  return (
    <dialog ref={ref} className="yi-dialog" data-testid="unknown-labels-dialog" onCancel={() => question?.answer('cancel')}>
      {question && (
        <div className="yi-dialog-body">
          <h2>Labels not in your label set</h2>
          <p>
            “{question.fileName}” uses {question.labels.length === 1 ? 'a label' : 'labels'} Yishi does not have:{' '}
            {question.labels.map((l) => <code key={l}>{l}</code>).reduce<React.ReactNode[]>((out, el, i) => (i ? [...out, ', ', el] : [el]), [])}.
          </p>
          <div className="yi-dialog-actions">
            <button type="button" onClick={() => question.answer('cancel')}>Do not import</button>
            <button type="button" data-testid="unknown-labels-skip" onClick={() => question.answer('skip')}>Skip their spans</button>
            <button type="button" data-testid="unknown-labels-add" onClick={() => question.answer('add')}>Add them to the label set</button>
          </div>
        </div>
      )}
    </dialog>
  );
}
