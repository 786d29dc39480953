// Mounts the whole App as src/main.tsx composes it (library, sample record, language provider,
// styles), for the language, help, guideline and accessibility tests.
import { createRoot, type Root } from 'react-dom/client';
import { expect } from 'vitest';
import { page } from 'vitest/browser';
import Dexie from 'dexie';
import { seedSampleOnce } from '../../src/app/sample';
import { Workbench } from '../../src/app/workbench';
import { I18nProvider } from '../../src/i18n/context';
import type { Language } from '../../src/i18n/messages';
import { Library } from '../../src/storage/library';
import { App } from '../../src/ui/App';
import { initialLanguage } from '../../src/ui/languageSetting';
import '../../src/ui/styles.css';

export interface MountedApp {
  library: Library;
  workbench: Workbench;
  dbName: string;
  container: HTMLElement;
  language: Language;
  unmount(): void;
}

const mounted: MountedApp[] = [];
const databases = new Set<string>();

/**
 * Opens (or reopens, given `dbName`) a library, seeds the sample record, and renders the App in
 * the language main.tsx would choose for a browser preferring `preferred`. Resolves once the
 * sample record is open in the editor.
 */
export async function mountApp(options: { preferred?: readonly string[]; dbName?: string } = {}): Promise<MountedApp> {
  // A laptop screen, as the layout is made for (the default frame is a phone's width).
  await page.viewport(1280, 860);
  const dbName = options.dbName ?? `yishi-ui-test-${crypto.randomUUID()}`;
  databases.add(dbName);
  const library = await Library.open(dbName);
  await seedSampleOnce(library);
  const workbench = await Workbench.start(library);
  const language = initialLanguage(workbench.getSnapshot().language, options.preferred ?? navigator.languages);
  const container = document.createElement('div');
  container.id = 'root';
  container.style.cssText = 'position: fixed; inset: 0';
  document.body.append(container);
  const root: Root = createRoot(container);
  root.render(
    <I18nProvider initial={language} onChange={(l) => void workbench.setLanguage(l)}>
      <App workbench={workbench} persistent={true} />
    </I18nProvider>,
  );
  await expect.poll(() => container.querySelector('[data-testid="editor"] .ProseMirror')).toBeTruthy();
  await expect.poll(() => container.querySelectorAll('[data-testid="doc-item"]').length).toBeGreaterThan(0);
  const m: MountedApp = {
    library,
    workbench,
    dbName,
    container,
    language,
    unmount() {
      root.unmount();
      workbench.dispose();
      container.remove();
      library.close();
    },
  };
  mounted.push(m);
  return m;
}

export async function unmountApps(): Promise<void> {
  for (const m of mounted.splice(0)) m.unmount();
  for (const name of databases) await Dexie.delete(name);
  databases.clear();
}

/** The app's element with this data-testid (throws if there is none). */
export function byTestId<T extends HTMLElement = HTMLElement>(m: MountedApp, id: string): T {
  const el = m.container.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
}
