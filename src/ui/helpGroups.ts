import { KEYMAP, type Binding, type Scope } from '../editor/keymap';
import type { PlainKey } from '../i18n/messages';

/**
 * How the help overlay (?) arranges the keymap (editor/keymap.ts): a group per place, holding
 * the commands of its scopes in table order. Every scope is in exactly one group, so every
 * command of the table is shown (tests/unit/keymap.test.ts).
 */
export interface HelpGroup {
  id: string;
  heading: PlainKey;
  scopes: readonly Scope[];
}

export const HELP_GROUPS: readonly HelpGroup[] = [
  { id: 'tagging', heading: 'help.group.tagging', scopes: ['text', 'span', 'record', 'history'] },
  { id: 'review', heading: 'help.group.review', scopes: ['suggestions'] },
  { id: 'panels', heading: 'help.group.panels', scopes: ['find', 'field', 'tabs'] },
  { id: 'general', heading: 'help.group.general', scopes: ['global'] },
  { id: 'dialogs', heading: 'help.group.dialogs', scopes: ['dialog'] },
];

/** The commands a group shows, scope by scope, in table order. */
export function bindingsOf(group: HelpGroup): readonly Binding[] {
  return group.scopes.flatMap((scope) => (KEYMAP as readonly Binding[]).filter((b) => b.scope === scope));
}
