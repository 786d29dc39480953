import type { ImportReport, Notice } from '../app/workbench';
import { problemOf } from '../domain/problem';
import { describeError, describeProblem, type Language, type Translate } from '../i18n/messages';

/** The summary line of an import, in the interface language. */
function importSummary(t: Translate, what: string, report: ImportReport): string {
  const list = t('common.listSeparator');
  const quote = (text: string) => t('common.quoted', { text });
  const parts = [
    report.added.length && t('import.added', { titles: report.added.map(quote).join(list) }),
    report.merged.length &&
      t('import.merged', { items: report.merged.map((m) => t('import.mergedItem', { title: m.title, count: m.newAnnotations })).join(list) }),
    report.skipped.length &&
      t('import.skipped', { items: report.skipped.map((s) => t('import.skippedItem', { title: s.title, reason: s.reason })).join(t('common.clauseSeparator')) }),
  ].filter(Boolean);
  return t('import.summary', { what, parts: parts.join(t('common.clauseSeparator')) || t('import.nothingNew') });
}

/** What a notice of the workbench says, in the interface language. */
export function noticeText(t: Translate, language: Language, notice: Notice): string {
  if ('text' in notice) return notice.text;
  if ('problem' in notice) return describeProblem(language, notice.problem);
  const news = notice.news;
  switch (news.what) {
    case 'imported': {
      const what = news.from === 'newRecord' ? t('import.newRecord') : t('import.fileWhat', { name: news.from.file, note: news.from.note });
      return importSummary(t, what, news.report);
    }
    case 'restored': {
      const r = news.report;
      return t('restore.done', { mode: t(`restore.mode.${r.mode}`), added: r.added, annotations: r.annotationsAdded, updated: r.updated, kept: r.keptNewer, labels: r.labelsAdded });
    }
    case 'deletedElsewhere':
      return t('notice.deletedElsewhere', { title: news.title });
    case 'importInterrupted':
      return t('notice.importInterrupted', {
        when: new Date(news.startedAt).toLocaleString(language),
        files: news.files.map((name) => t('common.quoted', { text: name })).join(t('common.listSeparator')),
      });
  }
}

/**
 * An error shown in a dialog or a notice: its Problem in the interface language where it carries
 * one (`describeError`), else its own words (a floor that raises no Problems yet).
 */
export function errorText(language: Language, error: unknown): string {
  if (problemOf(error)) return describeError(language, error);
  return error instanceof Error ? error.message : String(error);
}
