import { Fragment } from 'react';
import type { Label } from '../domain/labels';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';
import { SHORTCUT_GROUPS, type KeyCap } from '../i18n/shortcuts';
import { useModalDialog } from './useModalDialog';

interface Props {
  open: boolean;
  onClose(): void;
  labels: readonly Label[];
}

function Combo({ caps }: { caps: readonly KeyCap[] }) {
  const { t } = useI18n();
  return caps.map((cap, i) => (
    <Fragment key={i}>
      {i > 0 && '+'}
      <kbd>{typeof cap === 'string' ? cap : t(cap.key)}</kbd>
    </Fragment>
  ));
}

/** Every keyboard shortcut of the app, opened with `?`; Esc closes it and focus goes back. */
export function HelpOverlay({ open, onClose, labels }: Props) {
  const { t, language } = useI18n();
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="yi-dialog yi-help" data-testid="help-overlay" onCancel={onClose} onClose={onClose} aria-labelledby="help-heading">
      <div className="yi-dialog-head">
        <h2 id="help-heading">{t('help.heading')}</h2>
        <button type="button" onClick={onClose} data-testid="help-close">
          {t('common.close')}
        </button>
      </div>
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group.id} aria-labelledby={`help-${group.id}`}>
          <h3 id={`help-${group.id}`}>{t(group.heading)}</h3>
          <table className="yi-shortcuts">
            <thead>
              <tr>
                <th scope="col">{t('help.keys')}</th>
                <th scope="col">{t('help.action')}</th>
              </tr>
            </thead>
            <tbody>
              {group.shortcuts.flatMap((s) =>
                s === 'labels'
                  ? labels
                      .filter((l) => l.key)
                      .map((l) => (
                        <tr key={`label-${l.id}`} data-shortcut={`label-${l.key}`}>
                          <td><kbd>{l.key}</kbd></td>
                          <td>{t('help.labelKey', { label: labelName(l, language) })}</td>
                        </tr>
                      ))
                  : [
                      <tr key={s.id} data-shortcut={s.id}>
                        <td>
                          {s.combos.map((c, i) => (
                            <Fragment key={i}>
                              {i > 0 && ` ${t('help.or')} `}
                              <Combo caps={c} />
                            </Fragment>
                          ))}
                        </td>
                        <td>{t(s.description)}</td>
                      </tr>,
                    ],
              )}
            </tbody>
          </table>
        </section>
      ))}
      <p className="yi-muted">{t('help.note')}</p>
    </dialog>
  );
}
