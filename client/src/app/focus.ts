import type { ReactiveElement } from 'lit';

/** Controls take focus by themselves (and stay in the tab order). */
const isControl = (el: Element) =>
  el instanceof HTMLButtonElement || el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

/**
 * After `host`'s next render, moves focus to the element `selector` finds in it. An element that
 * takes no focus by itself (an alert, a section) is given `tabindex="-1"` first; a control never
 * is, so it stays in the Tab order after it got focus this way.
 */
export async function focusAfterRender(host: ReactiveElement, selector: string): Promise<void> {
  await host.updateComplete;
  const el = host.querySelector<HTMLElement>(selector);
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !isControl(el)) el.setAttribute('tabindex', '-1');
  el.focus();
}
