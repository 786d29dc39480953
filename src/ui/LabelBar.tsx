import { memo } from 'react';
import { activeLabels, type Label } from '../domain/labels';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';

interface Props {
  labels: readonly Label[];
  onApply(labelId: string): void;
}

/** The label bar for mouse users; it is also the legend of the colours. */
export const LabelBar = memo(function LabelBar({ labels, onApply }: Props) {
  const { t, language } = useI18n();
  return (
    <div className="yi-labelbar" role="toolbar" aria-label={t('labels.toolbar')} data-testid="label-bar">
      {activeLabels(labels).map((l) => (
        <button
          key={l.id}
          type="button"
          className="yi-label-button"
          data-testid={`label-button-${l.id}`}
          title={l.key ? t('labels.buttonTitle', { name: labelName(l, language), key: l.key }) : t('labels.buttonTitleNoKey', { name: labelName(l, language) })}
          // Keep the text selection in the editor when the button is pressed.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onApply(l.id)}
        >
          <span className="yi-swatch" style={{ background: l.color }} aria-hidden="true" />
          {l.key && <kbd>{l.key}</kbd>} {labelName(l, language)}
        </button>
      ))}
    </div>
  );
});
