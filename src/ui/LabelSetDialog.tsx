import { useState } from 'react';
import type { Label } from '../domain/labels';
import { addLabel, recolourLabel, renameLabel, restoreLabel, retireLabel, setLabelKey } from '../domain/labelSet';
import { useModalDialog } from './useModalDialog';
import { errorText } from './noticeText';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';


interface Props {
  open: boolean;
  labels: readonly Label[];
  /** Spans per label in the whole library (read when the dialog opens). */
  counts: ReadonlyMap<string, number> | null;
  onChange(labels: Label[]): Promise<void>;
  onClose(): void;
}

/** Edits the label set: add, rename, recolour, reassign the key, retire (after saying how many spans carry it). */
export function LabelSetDialog({ open, labels, counts, onChange, onClose }: Props) {
  const { t, language } = useI18n();
  const ref = useModalDialog(open);
  const [error, setError] = useState<string | null>(null);
  const [newId, setNewId] = useState('');
  const [newName, setNewName] = useState('');

  const apply = async (edit: () => Label[]) => {
    try {
      const next = edit();
      setError(null);
      await onChange(next);
      return true;
    } catch (e) {
      setError(errorText(language, e));
      return false;
    }
  };

  return (
    <dialog ref={ref} className="yi-dialog yi-labelset" data-testid="label-set-dialog" onCancel={onClose} aria-labelledby="label-set-heading">
      <h2 id="label-set-heading">{t('labelSet.heading')}</h2>
      <p className="yi-muted">{t('labelSet.intro')}</p>
      {error && (
        <p role="alert" className="yi-error" data-testid="label-set-error">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('labelSet.id')}</th>
            <th scope="col">{t('labelSet.name')}</th>
            <th scope="col">{t('labelSet.nameEn')}</th>
            <th scope="col">{t('labelSet.color')}</th>
            <th scope="col">{t('labelSet.key')}</th>
            <th scope="col">{t('labelSet.spans')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => {
            const n = counts?.get(l.id) ?? 0;
            return (
              <tr key={l.id} data-testid="label-row" data-label-id={l.id} className={l.retired ? 'is-retired' : undefined}>
                <td>
                  <code className="yi-data">{l.id}</code>
                  {l.retired && <span className="yi-muted"> ({t('labelSet.retired')})</span>}
                </td>
                <td>
                  <input
                    key={l.name}
                    aria-label={`${t('labelSet.name')}: ${labelName(l, language)}`}
                    defaultValue={l.name}
                    data-testid="label-name"
                    onBlur={(e) => e.currentTarget.value !== l.name && void apply(() => renameLabel(labels, l.id, { name: e.currentTarget.value }))}
                  />
                </td>
                <td>
                  <input
                    key={l.nameEn}
                    aria-label={`${t('labelSet.nameEn')}: ${labelName(l, language)}`}
                    defaultValue={l.nameEn}
                    onBlur={(e) => e.currentTarget.value !== l.nameEn && void apply(() => renameLabel(labels, l.id, { nameEn: e.currentTarget.value }))}
                  />
                </td>
                <td>
                  <input
                    type="color"
                    aria-label={`${t('labelSet.color')}: ${labelName(l, language)}`}
                    data-testid="label-color"
                    value={l.color}
                    onChange={(e) => void apply(() => recolourLabel(labels, l.id, e.currentTarget.value))}
                  />
                </td>
                <td>
                  <input
                    className="yi-key-input"
                    aria-label={`${t('labelSet.key')}: ${labelName(l, language)}`}
                    data-testid="label-key"
                    value={l.key}
                    maxLength={2}
                    disabled={l.retired}
                    onChange={(e) => void apply(() => setLabelKey(labels, l.id, Array.from(e.currentTarget.value).slice(-1).join('')))}
                  />
                </td>
                <td className="yi-count">{counts ? n : '…'}</td>
                <td>
                  {l.retired ? (
                    <button type="button" onClick={() => void apply(() => restoreLabel(labels, l.id))}>
                      {t('labelSet.restore')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      // Only once the library has been counted: the question says how many spans carry it.
                      disabled={counts === null}
                      data-testid="label-retire"
                      onClick={() => {
                        if (window.confirm(t('labelSet.confirmRetire', { id: l.id, count: n }))) void apply(() => retireLabel(labels, l.id));
                      }}
                    >
                      {t('labelSet.retire')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form
        className="yi-labelset-add"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await apply(() => addLabel(labels, newId.trim(), newName, newId.trim()))) {
            setNewId('');
            setNewName('');
          }
        }}
      >
        <h3>{t('labelSet.add')}</h3>
        <input aria-label={t('labelSet.id')} data-testid="label-new-id" placeholder={t('labelSet.newId')} value={newId} onChange={(e) => setNewId(e.currentTarget.value)} />
        <input aria-label={t('labelSet.name')} data-testid="label-new-name" placeholder={t('labelSet.newName')} value={newName} onChange={(e) => setNewName(e.currentTarget.value)} />
        <button type="submit" data-testid="label-add">
          {t('labelSet.addButton')}
        </button>
      </form>
      <div className="yi-dialog-actions">
        <button type="button" onClick={onClose} data-testid="label-set-close">
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
