import { useEffect, useState } from 'react';
import { keyHandler } from '../editor/keymap';
import { useI18n } from '../i18n/context';

/** The analyst's name, stamped on every annotation they make from now on. */
export function AnnotatorField({ value, onSave }: { value: string; onSave(name: string): void }) {
  const t = useI18n().t;
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <label className="yi-annotator">
      <span>{t('header.annotator')}</span>
      <input
        data-testid="annotator-name"
        value={draft}
        placeholder={t('header.annotatorPlaceholder')}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => draft !== value && onSave(draft)}
        onKeyDown={(e) => keyHandler(['field'], { 'field-save': () => e.currentTarget.blur() })(e)}
      />
    </label>
  );
}
