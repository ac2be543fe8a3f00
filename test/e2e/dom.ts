/**
 * The little of the browser that the tests' page-side code (inside `page.evaluate`,
 * `waitForFunction`, `addInitScript`) reads. The test project compiles with the server's
 * tsconfig, which has no DOM library, so that code reaches the page's globals through
 * `globalThis as unknown as Win` and these types instead of `any`. Types only: a function that
 * runs in the page cannot import anything at run time.
 */

export interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

export interface El {
  id: string;
  tagName: string;
  className: string;
  textContent: string | null;
  innerHTML: string;
  nodeType: number;
  dataset: Record<string, string | undefined>;
  classList: { contains(name: string): boolean };
  childNodes: Iterable<El>;
  firstElementChild: El | null;
  offsetHeight: number;
  scrollLeft: number;
  scrollWidth: number;
  clientWidth: number;
  matches(selector: string): boolean;
  closest(selector: string): El | null;
  contains(other: El): boolean;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  getBoundingClientRect(): Rect;
  append(...nodes: El[]): void;
  addEventListener<E>(type: string, listener: (event: E) => void): void;
}

export interface Doc extends El {
  activeElement: El | null;
  body: El;
  documentElement: El & { lang: string };
  scrollingElement: El;
  createElement(tag: string): El;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface FetchResponse {
  status: number;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface CspViolation {
  violatedDirective: string;
  sourceFile: string;
  lineNumber: number;
}

export interface Win {
  document: Doc;
  localStorage: StorageLike;
  location: { href: string };
  innerWidth: number;
  innerHeight: number;
  scrollY: number;
  fetch(
    input: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<FetchResponse>;
  getComputedStyle(el: El | null, pseudo?: string): Record<string, string>;
  matchMedia(query: string): { matches: boolean };
  /** Violations collected by the CSP watcher in the public UI tests. */
  __csp: string[];
}
