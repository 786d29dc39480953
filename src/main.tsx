/**
 * Composition root: opens the local library, seeds the sample record on first start, asks the
 * browser to keep the data, and renders the interface.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { seedSampleOnce } from './app/sample';
import { DEFAULT_LABELS } from './domain/labels';
import { Library, requestPersistentStorage } from './storage/library';
import { App } from './ui/App';
import './ui/styles.css';

async function start(root: HTMLElement) {
  const reactRoot = createRoot(root);
  let library: Library;
  try {
    library = await Library.open();
    await seedSampleOnce(library);
  } catch (error) {
    reactRoot.render(
      <div role="alert" className="yi-fatal">
        <h1>议事 Yishi cannot open its local library</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>,
    );
    return;
  }
  const persistent = await requestPersistentStorage();
  const last = await library.getSetting<string>('lastOpenDocId');
  const labels = (await library.getLabels()) ?? DEFAULT_LABELS;
  const docs = await library.listDocuments();
  const initial = docs.find((d) => d.id === last)?.id ?? docs[docs.length - 1]?.id ?? null;
  reactRoot.render(
    <StrictMode>
      <App library={library} initialLabels={labels} initialDocId={initial} persistent={persistent} />
    </StrictMode>,
  );
}

void start(document.getElementById('root')!);

// Offline and installable: the service worker vite-plugin-pwa writes at build time (vite.config.ts).
// Production builds only: the dev server (mode "development") and the browser tests (mode "test")
// serve no sw.js. MODE, not PROD: PROD follows NODE_ENV, which Vitest sets to "test" also for the
// production build the end-to-end tests drive.
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('The app will not work offline: its service worker could not be registered.', error);
    });
  });
}
