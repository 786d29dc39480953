import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translate, type Language, type Translate } from './messages';

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

interface Props {
  initial: Language;
  /** Called after each switch, e.g. to store the choice. */
  onChange?(language: Language): void;
  children?: ReactNode;
}

/** Holds the interface language and keeps `<html lang>` in step with it. */
export function I18nProvider({ initial, onChange, children }: Props) {
  const [language, setState] = useState<Language>(initial);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback(
    (next: Language) => {
      setState(next);
      onChange?.(next);
    },
    [onChange],
  );
  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: ((key, ...params) => translate(language, key, ...params)) as Translate }),
    [language, setLanguage],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n: no <I18nProvider> above this component');
  return i18n;
}

export function useT(): Translate {
  return useI18n().t;
}
