import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { keyHandler } from '../editor/keymap';
import { useI18n } from '../i18n/context';
import { LANGUAGES, isLanguage } from '../i18n/messages';

interface Props {
  recordOpen: boolean;
  onImport(files: File[]): void;
  onRestore(file: File): void;
  onNewRecord(): void;
  onExport(scope: 'open' | 'all'): void;
  onExportDialog(): void;
  onAgreement(): void;
  onLabelSet(): void;
  onGuideline(): void;
  onHelp(): void;
  /** The import's file input, for a notice that offers to choose files again. */
  importInput?: React.Ref<HTMLInputElement>;
}

/** The title, the library's actions, the guideline, help and the interface language. */
export function AppHeader({ recordOpen, onImport, onRestore, onNewRecord, onExport, onExportDialog, onAgreement, onLabelSet, onGuideline, onHelp, importInput }: Props) {
  const { t, language, setLanguage } = useI18n();
  // Below 1280 px the less used actions go into a "More" menu, so the header stays on one line.
  const compact = useMediaQuery(COMPACT_HEADER);
  const secondary = (
    <>
      <label className="yi-button">
        {t('header.restore')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="restore-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onRestore(file);
          }}
        />
      </label>
      <button type="button" data-testid="export-json" disabled={!recordOpen} onClick={() => onExport('open')}>
        {t('header.exportRecord')}
      </button>
      <button type="button" data-testid="export-all-json" onClick={() => onExport('all')}>
        {t('header.exportAll')}
      </button>
      <button type="button" data-testid="agreement-open" title={t('agreement.openTitle')} onClick={onAgreement}>
        {t('agreement.open')}
      </button>
    </>
  );
  return (
    <header className="yi-header">
      <h1>
        {t('app.name')} <span className="yi-en">{t('app.nameOther')}</span>
      </h1>
      <div className="yi-actions" role="group" aria-label={t('header.actions')}>
        <label className="yi-button">
          {t('header.import')}
          <input
            type="file"
            multiple
            accept=".txt,.text,.md,.markdown,.json,.jsonl,.ann,.zip,.docx,.pdf,.html,.htm,.doc,.wps,text/plain,text/markdown,application/json,application/pdf,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ref={importInput}
            data-testid="import-file"
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              if (files.length > 0) onImport(files);
            }}
          />
        </label>
        <button type="button" data-testid="new-doc" onClick={onNewRecord}>
          {t('header.newDoc')}
        </button>
        <button type="button" data-testid="export-dialog" onClick={onExportDialog}>
          {t('header.exportDialog')}
        </button>
        <button type="button" data-testid="label-set" onClick={onLabelSet}>
          {t('header.labelSet')}
        </button>
        {compact ? <MoreMenu>{secondary}</MoreMenu> : secondary}
      </div>
      <div className="yi-header-end">
        <button type="button" data-testid="open-guideline" title={t('header.guidelineTitle')} aria-keyshortcuts="g" onClick={onGuideline}>
          {t('header.guideline')}
        </button>
        <button type="button" data-testid="open-help" title={t('header.helpTitle')} aria-keyshortcuts="Shift+?" onClick={onHelp}>
          {t('header.help')}
        </button>
        <select
          data-testid="language"
          aria-label={t('header.language')}
          value={language}
          onChange={(e) => {
            if (isLanguage(e.target.value)) setLanguage(e.target.value);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </div>
    </header>
  );
}

/** The width below which the header folds its less used actions into "More". */
const COMPACT_HEADER = '(max-width: 1279.98px)';

/** Whether a media query matches, following the window's size. */
function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (change) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', change);
      return () => list.removeEventListener('change', change);
    },
    () => window.matchMedia(query).matches,
  );
}

/**
 * "More ▾": the folded actions in a panel under the button. It closes on Escape (focus back on the
 * button), on a click outside, and once an action in it was used.
 */
function MoreMenu({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  return (
    <div
      className="yi-more"
      ref={root}
      onKeyDown={(e) =>
        open &&
        keyHandler(['field'], {
          'field-cancel': () => {
            e.stopPropagation();
            setOpen(false);
            button.current?.focus();
          },
        })(e)
      }
    >
      <button ref={button} type="button" data-testid="header-more" aria-expanded={open} aria-controls="yi-more-panel" onClick={() => setOpen((x) => !x)}>
        {t('header.more')} ▾
      </button>
      <div
        id="yi-more-panel"
        className="yi-more-panel"
        role="group"
        aria-label={t('header.more')}
        hidden={!open}
        // An action used (a button, or a file chosen) closes the panel.
        onClick={(e) => (e.target as Element).closest('button') && setOpen(false)}
        onChange={() => setOpen(false)}
      >
        {children}
      </div>
    </div>
  );
}
