import { afterEach, describe, expect, it } from 'vitest';
import { inboxKeysOn, onInboxListKey, setInboxKeys } from '../../client/src/pages/analysis/inbox-keys.ts';

// Issue 11 story 6 and WCAG 2.1.4: j/k/x act only while focus is in the list, only without a
// modifier, and not at all once turned off; the choice is remembered.
describe('inbox single-key shortcuts', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    localStorage.clear();
  });

  function list(ids: string[]) {
    const ul = document.createElement('ul');
    ul.innerHTML = ids
      .map((id) => `<li class="sr-inbox-item" data-id="${id}"><input type="checkbox" id="box-${id}" /></li>`)
      .join('');
    document.body.append(ul);
    const toggled: string[] = [];
    ul.addEventListener('keydown', (e) => onInboxListKey(e, inboxKeysOn(), (id) => toggled.push(id)));
    const press = (id: string, key: string, init: KeyboardEventInit = {}) => {
      const box = document.getElementById(`box-${id}`)!;
      box.focus();
      const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
      box.dispatchEvent(e);
      return e;
    };
    return { toggled, press };
  }

  it('moves to the next and previous item and toggles the focused one', () => {
    const { toggled, press } = list(['a', 'b', 'c']);
    expect(press('a', 'j').defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('box-b');
    press('c', 'k');
    expect(document.activeElement?.id).toBe('box-b');
    press('c', 'j'); // the last item: focus stays
    expect(document.activeElement?.id).toBe('box-c');
    press('b', 'x');
    expect(toggled).toEqual(['b']);
  });

  it('leaves keys with a modifier and other keys alone', () => {
    const { toggled, press } = list(['a', 'b']);
    expect(press('a', 'j', { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(press('a', 'x', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(press('a', 'Enter').defaultPrevented).toBe(false);
    expect(document.activeElement?.id).toBe('box-a');
    expect(toggled).toEqual([]);
  });

  it('does nothing once turned off, and remembers the choice', () => {
    expect(inboxKeysOn()).toBe(true);
    expect(setInboxKeys(false)).toBe(false);
    expect(inboxKeysOn()).toBe(false);
    const { toggled, press } = list(['a', 'b']);
    expect(press('a', 'j').defaultPrevented).toBe(false);
    press('a', 'x');
    expect(document.activeElement?.id).toBe('box-a');
    expect(toggled).toEqual([]);
    setInboxKeys(true);
    expect(inboxKeysOn()).toBe(true);
  });
});
