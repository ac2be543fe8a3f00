/**
 * The inbox's single-key shortcuts (issue 11 story 6): j next item, k previous item, x select or
 * deselect. They act only while focus is in the list and can be turned off (WCAG 2.1.4); the
 * choice is remembered in this browser.
 */
const STORAGE_KEY = 'sr-inbox-keys';

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

/** Whether the shortcuts are on (they are, unless turned off in this browser). */
export const inboxKeysOn = (): boolean => storage()?.getItem(STORAGE_KEY) !== 'off';

/** Turns the shortcuts on or off and remembers it; returns the new setting. */
export function setInboxKeys(on: boolean): boolean {
  try {
    storage()?.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  return on;
}

/** The list's keydown: moves focus between the items' checkboxes, or toggles the focused item. */
export function onInboxListKey(e: KeyboardEvent, on: boolean, toggle: (id: string) => void): void {
  if (!on || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !(e.target instanceof HTMLElement)) return;
  const item = e.target.closest<HTMLElement>('li.sr-inbox-item');
  const list = e.currentTarget instanceof HTMLElement ? e.currentTarget : null;
  if (!item || !list) return;
  const items = [...list.querySelectorAll<HTMLElement>(':scope > li.sr-inbox-item')];
  const at = items.indexOf(item);
  if (e.key === 'j' || e.key === 'k') {
    e.preventDefault();
    items[at + (e.key === 'j' ? 1 : -1)]?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
  } else if (e.key === 'x' && item.dataset['id']) {
    e.preventDefault();
    toggle(item.dataset['id']);
  }
}
