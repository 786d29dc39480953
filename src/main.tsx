/**
 * Composition root: opens the local library, seeds the sample record on first start, builds the
 * workbench over it, asks the browser to keep the data, and renders the interface.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { seedSampleOnce } from './app/sample';
import { Workbench } from './app/workbench';
import { requestPersistentStorage } from './storage/library';
import { openLibrary } from './storage/openLibrary';
import { App } from './ui/App';
import { I18nProvider } from './i18n/context';
import { defaultLanguage, translate } from './i18n/messages';
import { initialLanguage } from './ui/languageSetting';
import './ui/styles.css';
import { currentUpdate, offerUpdate, reloadWhenIdle } from './app/appUpdate';

async function start(root: HTMLElement) {
  const reactRoot = createRoot(root);
  const preferred = navigator.languages ?? [navigator.language];
  const browserLanguage = defaultLanguage(preferred);
  document.documentElement.lang = browserLanguage;
  let workbench: Workbench;
  try {
    // IndexedDB when the browser allows it; otherwise an in-memory library, and the interface
    // warns for the whole session that nothing will be kept.
    const library = await openLibrary();
    await seedSampleOnce(library);
    workbench = await Workbench.start(library);
  } catch (error) {
    reactRoot.render(
      <div role="alert" className="yi-fatal">
        <h1>{translate(browserLanguage, 'fatal.title')}</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>,
    );
    return;
  }
  const persistent = workbench.persistence.kind === 'memory' ? false : await requestPersistentStorage();
  const language = initialLanguage(workbench.getSnapshot().language, preferred);
  reactRoot.render(
    <StrictMode>
      <I18nProvider initial={language} onChange={(l) => void workbench.setLanguage(l)}>
        <App workbench={workbench} persistent={persistent} />
      </I18nProvider>
    </StrictMode>,
  );
}

void start(document.getElementById('root')!);

// Offline and installable: the service worker vite-plugin-pwa writes at build time (vite.config.ts).
// Production builds only: the dev server (mode "development") and the browser tests (mode "test")
// serve no sw.js. MODE, not PROD: PROD follows NODE_ENV, which Vitest sets to "test" also for the
// production build the end-to-end tests drive.
// A new version waits (registerType 'prompt'): the interface offers it (UpdatePrompt) and it takes
// over only on the analyst's word; then every tab reloads once its writes are done (app/appUpdate.ts).
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  void import('virtual:pwa-register').then(({ registerSW }) => {
    const activate = registerSW({
      onNeedRefresh: () => offerUpdate({ activate: () => activate() }),
      // The plugin would reload at once; the tab reloads after its writes instead (below).
      onNeedReload: () => void reloadWhenIdle(),
      onRegisterError: (error: unknown) => console.warn('The app will not work offline: its service worker could not be registered.', error),
    });
  });
  // A tab that was offered the update reloads once the new worker controls it, even when the
  // plugin does not call onNeedReload (an update found in the visit that installed the first one).
  // Not on the first visit's own takeover (clientsClaim), which offered nothing.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (currentUpdate()) void reloadWhenIdle();
  });
}
