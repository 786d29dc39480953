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
}

/** The title, the library's actions, the guideline, help and the interface language. */
export function AppHeader({ recordOpen, onImport, onRestore, onNewRecord, onExport, onExportDialog, onAgreement, onLabelSet, onGuideline, onHelp }: Props) {
  const { t, language, setLanguage } = useI18n();
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
            data-testid="import-file"
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              if (files.length > 0) onImport(files);
            }}
          />
        </label>
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
        <button type="button" data-testid="new-doc" onClick={onNewRecord}>
          {t('header.newDoc')}
        </button>
        <button type="button" data-testid="export-json" disabled={!recordOpen} onClick={() => onExport('open')}>
          {t('header.exportRecord')}
        </button>
        <button type="button" data-testid="export-all-json" onClick={() => onExport('all')}>
          {t('header.exportAll')}
        </button>
        <button type="button" data-testid="export-dialog" onClick={onExportDialog}>
          {t('header.exportDialog')}
        </button>
        <button type="button" data-testid="agreement-open" title={t('agreement.openTitle')} onClick={onAgreement}>
          {t('agreement.open')}
        </button>
        <button type="button" data-testid="label-set" onClick={onLabelSet}>
          {t('header.labelSet')}
        </button>
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
