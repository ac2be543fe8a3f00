import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey, Messages } from './en.ts';
import { daShell } from './parts/da.shell.ts';
import { enShell } from './parts/en.shell.ts';

export type Locale = 'da' | 'en';
export const LOCALES: readonly Locale[] = ['da', 'en'];
const STORAGE_KEY = 'samraad.locale';

/**
 * The messages loaded so far: the shell's at once, each other area's when a module that uses it
 * loads (parts/<area>.ts, loaded by the app shell for the routes that name it, see parts.ts). The keys
 * are typed against the whole dictionary (en.ts), so a missing key still fails tsc; test/client/i18n-parts.test.ts
 * checks that every route names the parts whose keys its page names.
 */
const dictionaries: Record<Locale, Partial<Messages>> = { da: { ...daShell }, en: { ...enShell } };

/** Adds an area's messages in both languages (called by parts/<area>.ts when it loads). */
export function addMessages(part: Record<Locale, Partial<Messages>>): void {
  for (const locale of LOCALES) Object.assign(dictionaries[locale], part[locale]);
}

/** The parameters a message takes: none for a string, the function's argument otherwise. */
export type MessageParams<K extends MessageKey> = Messages[K] extends (p: infer P) => string ? [params: P] : [];

const isLocale = (v: unknown): v is Locale => v === 'da' || v === 'en';

function storedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(v)) return v;
  } catch {
    // Storage can be blocked (privacy settings); the browser's language or Danish then.
  }
  return null;
}

function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered when storage is blocked; the choice still holds for this visit.
  }
}

/** The query parameter a link carries its language in (`/consultations/x?lang=en`). */
export const LANG_PARAM = 'lang';

/** The language a link asks for (`?lang=en`), if it names one of ours. */
export function linkLocale(search: string): Locale | null {
  const v = new URLSearchParams(search).get(LANG_PARAM);
  return isLocale(v) ? v : null;
}

/** The first of the browser's preferred languages (`navigator.languages`) that we have, if any. */
export function browserLocale(languages: readonly string[]): Locale | null {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

/**
 * The language of a visit (issue 10 item 20): a link's `?lang=` first (it becomes the remembered
 * choice), then the remembered choice, then the browser's languages on a first visit, else Danish.
 */
export function initialLocale(
  opts: { search?: string; stored?: Locale | null; languages?: readonly string[] } = {},
): Locale {
  const fromLink = linkLocale(opts.search ?? globalThis.location?.search ?? '');
  if (fromLink) {
    storeLocale(fromLink);
    return fromLink;
  }
  const stored = opts.stored === undefined ? storedLocale() : opts.stored;
  return stored ?? browserLocale(opts.languages ?? globalThis.navigator?.languages ?? []) ?? 'da';
}

let current: Locale = initialLocale();
const listeners = new Set<(locale: Locale) => void>();

export const getLocale = (): Locale => current;

/** The Intl locale for dates and numbers. */
export const intlLocale = (locale: Locale = current): string => (locale === 'da' ? 'da-DK' : 'en-GB');

/** Translates a key in the current locale; parameterised messages (and plurals) take their params. */
export function t<K extends MessageKey>(key: K, ...args: MessageParams<K>): string {
  const message = dictionaries[current][key] as string | ((p: unknown) => string) | undefined;
  // An area's message before its part has loaded: the key shows, rather than "undefined".
  if (message === undefined) return key;
  return typeof message === 'function' ? message(args[0]) : message;
}

/** Whether a string is a loaded message's key (for codes that come from the server, like error codes). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(dictionaries[current], key);

/** Translates a key built at run time (an error code, an audit action); `fallback` when unknown. */
export function tDynamic(key: string, fallback: string): string {
  if (!hasMessage(key)) return fallback;
  const message = dictionaries[current][key];
  return typeof message === 'string' ? message : fallback;
}

/** Picks the current locale's text of a `{ da, en }` value, falling back to the other language. */
export function loc(value: { da: string; en: string }, locale: Locale = current): string {
  return value[locale] || value[locale === 'da' ? 'en' : 'da'];
}

/** The language a `{ da, en }` value is actually shown in (for a `lang` attribute on a fallback). */
export function locLang(value: { da: string; en: string }, locale: Locale = current): Locale {
  return value[locale] ? locale : locale === 'da' ? 'en' : 'da';
}

/** Switches the language of the whole UI, remembers it, and keeps `<html lang>` right. */
export function setLocale(locale: Locale): void {
  current = locale;
  storeLocale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

/** Calls `listener` on every locale change; returns the unsubscribe function. */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders its host whenever the locale changes. */
export class LocaleController implements ReactiveController {
  private _off: (() => void) | undefined;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this._off = onLocaleChange(() => this.host.requestUpdate());
  }
  hostDisconnected(): void {
    this._off?.();
    this._off = undefined;
  }
}
