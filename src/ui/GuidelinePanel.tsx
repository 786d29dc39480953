import type { Label } from '../domain/labels';
import { useI18n } from '../i18n/context';
import { BOUNDARY_RULES, LABEL_GUIDELINES, bothLanguages } from '../i18n/guideline';
import { useModalDialog } from './useModalDialog';

interface Props {
  open: boolean;
  onClose(): void;
  labels: readonly Label[];
}

/** The annotation guideline (`g`): each label's definition with examples, and the boundary rules, in both languages. */
export function GuidelinePanel({ open, onClose, labels }: Props) {
  const { t, language } = useI18n();
  const ref = useModalDialog(open);
  const other = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <dialog ref={ref} className="yi-dialog yi-guideline" data-testid="guideline" onCancel={onClose} onClose={onClose} aria-labelledby="guideline-heading">
      <div className="yi-dialog-head">
        <h2 id="guideline-heading">{t('guideline.heading')}</h2>
        <button type="button" onClick={onClose} data-testid="guideline-close">
          {t('common.close')}
        </button>
      </div>
      <section aria-labelledby="guideline-labels">
        <h3 id="guideline-labels">{t('guideline.labels')}</h3>
        <dl className="yi-guideline-labels">
          {LABEL_GUIDELINES.map((g) => {
            const label = labels.find((l) => l.id === g.labelId);
            const [name, nameOther] = bothLanguages(g.name, language);
            const [definition, definitionOther] = bothLanguages(g.definition, language);
            return (
              <div key={g.labelId} data-testid="guideline-label" data-label={g.labelId}>
                <dt>
                  <span className="yi-swatch" style={{ background: label?.color }} aria-hidden="true" />
                  <span>{name}</span> <span className="yi-en" lang={other}>{nameOther}</span>
                  {label?.key && <span className="yi-muted"> · {t('guideline.key', { key: label.key })}</span>}
                </dt>
                <dd>
                  <p>{definition}</p>
                  <p className="yi-muted" lang={other}>{definitionOther}</p>
                  <p>
                    {t('guideline.examples')}{' '}
                    {g.examples.map((e, i) => (
                      <q key={i} lang="zh-CN" className="yi-example">{e}</q>
                    ))}
                  </p>
                </dd>
              </div>
            );
          })}
        </dl>
      </section>
      <section aria-labelledby="guideline-rules">
        <h3 id="guideline-rules">{t('guideline.rules')}</h3>
        <ul className="yi-guideline-rules">
          {BOUNDARY_RULES.map((r) => {
            const [rule, ruleOther] = bothLanguages(r.rule, language);
            return (
              <li key={r.id} data-testid="guideline-rule" data-rule={r.id}>
                {r.include !== null && (
                  <>
                    <strong className={r.include ? 'yi-include' : 'yi-exclude'}>{t(r.include ? 'guideline.include' : 'guideline.exclude')}</strong>{' '}
                  </>
                )}
                {rule}
                <br />
                <span className="yi-muted" lang={other}>{ruleOther}</span>
                <br />
                <code lang="zh-CN">{r.example}</code>
              </li>
            );
          })}
        </ul>
      </section>
    </dialog>
  );
}
