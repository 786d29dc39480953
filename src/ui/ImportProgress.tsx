import type { ImportBatchState } from '../app/workbench';
import { useI18n } from '../i18n/context';
import { describeProblem } from '../i18n/messages';

interface Props {
  batch: ImportBatchState;
  onDismiss(): void;
}

/**
 * A batch import: a progress bar counting files read and finished while it runs, then a summary
 * of what each file added, merged or had refused and why (folded; an entry of the notice area,
 * which lets a summary with nothing refused leave by itself).
 */
export function ImportProgress({ batch, onDismiss }: Props) {
  const { t, language } = useI18n();
  const { progress, files } = batch;
  const list = t('common.listSeparator');
  const quote = (text: string) => t('common.quoted', { text });
  const refused = files?.filter((f) => f.refused).length ?? 0;
  const added = files?.reduce((n, f) => n + f.added.length, 0) ?? 0;
  const merged = files?.reduce((n, f) => n + f.merged.length, 0) ?? 0;
  const skipped = files?.reduce((n, f) => n + f.skipped.length, 0) ?? 0;
  return (
    <section className="yi-import" data-testid="import-batch" aria-labelledby="import-batch-heading" data-state={files ? 'done' : 'running'}>
      <div className="yi-import-head">
        <h2 id="import-batch-heading">{t(files ? 'importBatch.finished' : 'importBatch.running')}</h2>
        <progress
          data-testid="import-progress"
          value={progress.read + progress.done}
          max={Math.max(1, progress.total * 2)}
          aria-label={t('importBatch.progressLabel')}
        />
        <span role="status" className="yi-muted">
          {files
            ? t('importBatch.totals', { files: progress.total, added, merged, skipped, refused })
            : t('importBatch.progress', { read: progress.read, done: progress.done, total: progress.total })}
        </span>
        {files && (
          <button type="button" data-testid="import-summary-dismiss" onClick={onDismiss}>
            {t('common.close')}
          </button>
        )}
      </div>
      {files && files.length > 0 && (
        <details className="yi-import-details">
          <summary>{t('importBatch.perFile')}</summary>
          <ul className="yi-import-files" data-testid="import-summary" aria-label={t('importBatch.perFile')}>
            {files.map((f, i) => {
              const outcome = f.refused ? 'refused' : f.added.length > 0 ? 'added' : f.merged.length > 0 ? 'merged' : 'skipped';
              return (
                <li key={i} data-testid="import-summary-item" data-file={f.name} data-outcome={outcome} className={`is-${outcome}`}>
                  <span className="yi-import-name yi-data">{f.name}</span>{' '}
                  <span className="yi-import-outcome">{t(`importBatch.outcome.${outcome}`)}</span>
                  {f.refused && <span className="yi-import-detail"> {f.problem ? describeProblem(language, f.problem) : f.refused}</span>}
                  {f.added.length > 0 && <span className="yi-import-detail"> {t('import.added', { titles: f.added.map(quote).join(list) })}</span>}
                  {f.merged.length > 0 && (
                    <span className="yi-import-detail">
                      {' '}
                      {t('import.merged', { items: f.merged.map((m) => t('import.mergedItem', { title: m.title, count: m.newAnnotations })).join(list) })}
                    </span>
                  )}
                  {f.skipped.length > 0 && (
                    <span className="yi-import-detail">
                      {' '}
                      {t('import.skipped', { items: f.skipped.map((s) => t('import.skippedItem', { title: s.title, reason: s.reason })).join(t('common.clauseSeparator')) })}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
