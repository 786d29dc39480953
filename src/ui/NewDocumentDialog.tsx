import { useState } from 'react';
import type { TextFormat } from '../domain/document';
import { useModalDialog } from './useModalDialog';
import { useT } from '../i18n/context';

interface Props {
  open: boolean;
  onCancel(): void;
  /** Resolves true once the record is stored; the dialog keeps the text until then. */
  onCreate(title: string, text: string, format: TextFormat): Promise<boolean>;
}

/** "New document": paste a record's text; it becomes canonical exactly as pasted (CRLF → LF). */
export function NewDocumentDialog({ open, onCancel, onCreate }: Props) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [format, setFormat] = useState<TextFormat>('plain');
  const ref = useModalDialog(open);
  const t = useT();
  return (
    <dialog ref={ref} className="yi-dialog" data-testid="new-doc-dialog" onCancel={onCancel} aria-labelledby="new-doc-heading">
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onCreate(title, text, format)) {
            setTitle('');
            setText('');
          }
        }}
      >
        <h2 id="new-doc-heading">{t('newDoc.heading')}</h2>
        <label>
          {t('newDoc.title')} <input data-testid="new-doc-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('newDoc.titlePlaceholder')} />
        </label>
        <label>
          {t('newDoc.layout')}{' '}
          <select data-testid="new-doc-format" value={format} onChange={(e) => setFormat(e.target.value as TextFormat)}>
            <option value="plain">{t('newDoc.plain')}</option>
            <option value="markdown">{t('newDoc.markdown')}</option>
          </select>
        </label>
        <label>
          {t('newDoc.text')}
          <textarea data-testid="new-doc-text" value={text} onChange={(e) => setText(e.target.value)} rows={14} lang="zh-CN" />
        </label>
        <div className="yi-dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" data-testid="new-doc-create">
            {t('newDoc.create')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
