import { memo } from 'react';
import { activeLabels, type Label } from '../domain/labels';

interface Props {
  labels: readonly Label[];
  onApply(labelId: string): void;
}

/** The label bar for mouse users; it is also the legend of the colours. */
export const LabelBar = memo(function LabelBar({ labels, onApply }: Props) {
  return (
    <div className="yi-labelbar" role="toolbar" aria-label="Labels" data-testid="label-bar">
      {activeLabels(labels).map((l) => (
        <button
          key={l.id}
          type="button"
          className="yi-label-button"
          data-testid={`label-button-${l.id}`}
          title={`${l.name} ${l.nameEn}: press ${l.key} with text selected, or with a span selected to relabel it`}
          // Keep the text selection in the editor when the button is pressed.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onApply(l.id)}
        >
          <span className="yi-swatch" style={{ background: l.color }} aria-hidden="true" />
          {l.key && <kbd>{l.key}</kbd>} {l.name} <span className="yi-en">{l.nameEn}</span>
        </button>
      ))}
    </div>
  );
});
