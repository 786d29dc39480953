import { defaultLanguage, isLanguage, type Language } from '../i18n/messages';

/** The language chosen before (stored in the library, as the workbench read it), else the browser's preferred one. */
export function initialLanguage(stored: string | undefined, preferred: readonly string[]): Language {
  return isLanguage(stored) ? stored : defaultLanguage(preferred);
}
