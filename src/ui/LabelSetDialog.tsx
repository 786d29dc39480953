import { useState } from 'react';
import type { Label } from '../domain/labels';
import { addLabel, recolourLabel, renameLabel, restoreLabel, retireLabel, setLabelKey } from '../domain/labelSet';
import { useModalDialog } from './useModalDialog';

const TEXT = {
  heading: 'Label set',
  intro: 'Ids never change (exports and stored spans refer to them); names, colours and keys do. A retired label stays on the spans that carry it and in exports, but is no longer offered.',
  id: 'Id',
  name: 'Chinese name',
  nameEn: 'English name',
  color: 'Colour',
  key: 'Key',
  spans: 'Spans',
  retire: 'Retire',
  restore: 'Restore',
  retired: 'retired',
  confirmRetire: (id: string, n: number) =>
    n === 0 ? `Retire “${id}”? No span carries it.` : `${n} span${n === 1 ? '' : 's'} in the library carry “${id}”. They keep it; it will no longer be offered for tagging. Retire it?`,
  add: 'Add a label',
  newId: 'new id, e.g. risk',
  newName: '中文名',
  addButton: 'Add',
  close: 'Close',
};

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
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  return (
    <dialog ref={ref} className="yi-dialog yi-labelset" data-testid="label-set-dialog" onCancel={onClose} aria-labelledby="label-set-heading">
      <h2 id="label-set-heading">{TEXT.heading}</h2>
      <p className="yi-muted">{TEXT.intro}</p>
      {error && (
        <p role="alert" className="yi-error" data-testid="label-set-error">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{TEXT.id}</th>
            <th scope="col">{TEXT.name}</th>
            <th scope="col">{TEXT.nameEn}</th>
            <th scope="col">{TEXT.color}</th>
            <th scope="col">{TEXT.key}</th>
            <th scope="col">{TEXT.spans}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => {
            const n = counts?.get(l.id) ?? 0;
            return (
              <tr key={l.id} data-testid="label-row" data-label-id={l.id} className={l.retired ? 'is-retired' : undefined}>
                <td>
                  <code>{l.id}</code>
                  {l.retired && <span className="yi-muted"> ({TEXT.retired})</span>}
                </td>
                <td>
                  <input
                    key={l.name}
                    aria-label={`${TEXT.name}: ${l.id}`}
                    defaultValue={l.name}
                    data-testid="label-name"
                    onBlur={(e) => e.currentTarget.value !== l.name && void apply(() => renameLabel(labels, l.id, { name: e.currentTarget.value }))}
                  />
                </td>
                <td>
                  <input
                    key={l.nameEn}
                    aria-label={`${TEXT.nameEn}: ${l.id}`}
                    defaultValue={l.nameEn}
                    onBlur={(e) => e.currentTarget.value !== l.nameEn && void apply(() => renameLabel(labels, l.id, { nameEn: e.currentTarget.value }))}
                  />
                </td>
                <td>
                  <input
                    type="color"
                    aria-label={`${TEXT.color}: ${l.id}`}
                    data-testid="label-color"
                    value={l.color}
                    onChange={(e) => void apply(() => recolourLabel(labels, l.id, e.currentTarget.value))}
                  />
                </td>
                <td>
                  <input
                    className="yi-key-input"
                    aria-label={`${TEXT.key}: ${l.id}`}
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
                      {TEXT.restore}
                    </button>
                  ) : (
                    <button
                      type="button"
                      data-testid="label-retire"
                      onClick={() => {
                        if (window.confirm(TEXT.confirmRetire(l.id, n))) void apply(() => retireLabel(labels, l.id));
                      }}
                    >
                      {TEXT.retire}
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
        <h3>{TEXT.add}</h3>
        <input aria-label={TEXT.id} data-testid="label-new-id" placeholder={TEXT.newId} value={newId} onChange={(e) => setNewId(e.currentTarget.value)} />
        <input aria-label={TEXT.name} data-testid="label-new-name" placeholder={TEXT.newName} value={newName} onChange={(e) => setNewName(e.currentTarget.value)} />
        <button type="submit" data-testid="label-add">
          {TEXT.addButton}
        </button>
      </form>
      <div className="yi-dialog-actions">
        <button type="button" onClick={onClose} data-testid="label-set-close">
          {TEXT.close}
        </button>
      </div>
    </dialog>
  );
}
