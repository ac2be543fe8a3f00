/** Client-side navigation through the History API; the app shell listens for `sr-navigate`. */
export const NAVIGATE_EVENT = 'sr-navigate';

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** A `next` parameter is followed only to a path on this site (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Speaks a message through the shell's polite live region (status after an action). */
export function announce(message: string): void {
  const region = document.getElementById('sr-announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick, so the same message twice is announced twice.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** A message for the next page, shown once (e.g. "The consultation has been created"). */
let flash: (() => string) | null = null;
export const setFlash = (message: () => string): void => {
  flash = message;
};
export function takeFlash(): (() => string) | null {
  const f = flash;
  flash = null;
  return f;
}
