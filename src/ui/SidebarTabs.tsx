import { keyHandler } from '../editor/keymap';
import { useI18n } from '../i18n/context';

export type SidebarTab = 'annotations' | 'suggestions';

/** Annotations / Suggestions: which list the sidebar shows (arrow keys move between the tabs). */
export function SidebarTabs({ tab, onTab }: { tab: SidebarTab; onTab(tab: SidebarTab): void }) {
  const t = useI18n().t;
  const tabs: { id: SidebarTab; text: string; controls: string }[] = [
    { id: 'annotations', text: t('suggest.tabAnnotations'), controls: 'annotation-panel' },
    { id: 'suggestions', text: t('suggest.tabSuggestions'), controls: 'suggestion-tabpanel' },
  ];
  return (
    <div className="yi-tabs" role="tablist" aria-label={t('suggest.tabs')}>
      {tabs.map((x, i) => (
        <button
          key={x.id}
          type="button"
          role="tab"
          id={`tab-${x.id}`}
          data-testid={`sidebar-tab-${x.id}`}
          aria-selected={tab === x.id}
          aria-controls={x.controls}
          tabIndex={tab === x.id ? 0 : -1}
          onClick={() => onTab(x.id)}
          onKeyDown={keyHandler(['tabs'], {
            'tab-step': (hit) => {
              const next = tabs[(i + hit.dir + tabs.length) % tabs.length]!;
              onTab(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            },
          })}
        >
          {x.text}
        </button>
      ))}
    </div>
  );
}
