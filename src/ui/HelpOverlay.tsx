import { Fragment } from 'react';
import type { Label } from '../domain/labels';
import { useI18n } from '../i18n/context';
import { labelName } from '../i18n/messages';
import { capsOf, type Binding, type KeyCap } from '../editor/keymap';
import { bindingsOf, HELP_GROUPS } from './helpGroups';
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

/** The caps of each combination of a command; a label-key combination is each label's key. */
function combosOf(binding: Binding, labels: readonly Label[]): (readonly KeyCap[])[] {
  return binding.combos.flatMap((c) => (c.label ? labels.filter((l) => l.key).map((l) => [l.key!]) : [capsOf(c)]));
}

/**
 * Every keyboard shortcut of the app, opened with `?`: the keymap itself (editor/keymap.ts), so
 * it shows what the keys do. Esc closes it and focus goes back.
 */
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
      {HELP_GROUPS.map((group) => (
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
              {bindingsOf(group).flatMap((b) =>
                b.description === 'help.labelKey'
                  ? labels
                      .filter((l) => l.key)
                      .map((l) => (
                        <tr key={`label-${l.id}`} data-shortcut={`label-${l.key}`}>
                          <td><kbd>{l.key}</kbd></td>
                          <td>{t('help.labelKey', { label: labelName(l, language) })}</td>
                        </tr>
                      ))
                  : [
                      <tr key={b.id} data-shortcut={b.id}>
                        <td>
                          {combosOf(b, labels).map((c, i) => (
                            <Fragment key={i}>
                              {i > 0 && ` ${t('help.or')} `}
                              <Combo caps={c} />
                            </Fragment>
                          ))}
                        </td>
                        <td>{t(b.description)}</td>
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
