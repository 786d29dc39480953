import { defaultLanguage, isLanguage, type Language } from '../i18n/messages';
import type { Library } from '../storage/library';

/** The library setting that holds the interface language the analyst chose. */
export const LANGUAGE_SETTING = 'language';

/** The language chosen before (stored in the library), else the browser's preferred one. */
export async function storedLanguage(library: Library, preferred: readonly string[]): Promise<Language> {
  const stored = await library.getSetting<string>(LANGUAGE_SETTING).catch(() => undefined);
  return isLanguage(stored) ? stored : defaultLanguage(preferred);
}

/** Stores the choice. One that cannot be stored still applies in this tab; the next start asks the browser again. */
export function storeLanguage(library: Library, language: Language): void {
  library.setSetting(LANGUAGE_SETTING, language).catch(() => {});
}
