import { html, LitElement } from 'lit';
import { Task } from '@lit/task';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api/http.ts';
import { renderPage, renderSection } from '../../client/src/app/page-state.ts';
import { PagedListController, type PageOf } from '../../client/src/app/paged-list.ts';
import { setLocale } from '../../client/src/i18n/i18n.ts';

/** Issue 9 item 3: one way for a page to show loading / not found / failed, and one "Load more" list. */

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

type Outcome = { resolve: (v: string) => void; reject: (e: unknown) => void };

class TestPage extends LitElement {
  outcome: Outcome | null = null;
  section = false;
  readonly task = new Task(this, {
    task: () =>
      new Promise<string>((resolve, reject) => {
        this.outcome = { resolve, reject };
      }),
    args: () => [] as const,
  });
  protected override createRenderRoot() {
    return this;
  }
  protected override render() {
    const done = (v: string) => html`<h1 tabindex="-1">${v}</h1>`;
    return this.section ? renderSection(this.task, done) : renderPage(this.task, done);
  }
}
customElements.define('test-page-state', TestPage);

async function mount(section = false): Promise<TestPage> {
  const el = document.createElement('test-page-state') as TestPage;
  el.section = section;
  document.body.replaceChildren(el);
  await settle();
  return el;
}

describe('page state (happy-dom)', () => {
  beforeAll(() => setLocale('en'));

  it('shows the loading state, then the data', async () => {
    const el = await mount();
    expect(el.querySelector('.sr-loading')?.textContent).toContain('Loading');
    el.outcome!.resolve('Done');
    await settle();
    expect(el.querySelector('h1')?.textContent).toBe('Done');
    expect(el.querySelector('.sr-loading')).toBeNull();
  });

  it('shows the not-found page for 404 and for a malformed id (400)', async () => {
    for (const status of [404, 400]) {
      const el = await mount();
      el.outcome!.reject(new ApiError(status, 'NOT_FOUND', 'No such thing'));
      await settle();
      expect(el.querySelector('sr-page-not-found'), String(status)).not.toBeNull();
    }
  });

  it('shows a failed page with a heading and the error otherwise', async () => {
    const el = await mount();
    el.outcome!.reject(new ApiError(500, 'INTERNAL', 'boom'));
    await settle();
    expect(el.querySelector('sr-page-not-found')).toBeNull();
    expect(el.querySelector('h1')?.textContent).toBe('The page could not be loaded.');
    expect(el.querySelector('.alert-error')).not.toBeNull();
  });

  it('shows a section’s error in place, without a page heading', async () => {
    const el = await mount(true);
    el.outcome!.reject(new ApiError(404, 'NOT_FOUND', 'gone'));
    await settle();
    expect(el.querySelector('sr-page-not-found')).toBeNull();
    expect(el.querySelector('h1')).toBeNull();
    expect(el.querySelector('.alert-error')).not.toBeNull();
  });
});

class TestList extends LitElement {
  calls: { filter: string; cursor: string | null }[] = [];
  failNext = false;
  filter = 'a';
  readonly list = new PagedListController(this, {
    fetch: async ([filter], cursor): Promise<PageOf<string>> => {
      this.calls.push({ filter, cursor });
      if (this.failNext) throw new ApiError(503, 'UNAVAILABLE', 'later');
      const n = cursor ? Number(cursor) : 0;
      return { items: [`${filter}${n}`, `${filter}${n + 1}`], nextCursor: n < 2 ? String(n + 2) : null };
    },
    args: () => [this.filter] as const,
    focusNew: (i) => this.querySelectorAll<HTMLElement>('li button')[i],
  });
  protected override createRenderRoot() {
    return this;
  }
  protected override render() {
    return html`${renderSection(
      this.list.task,
      () =>
        html`<ul>
          ${this.list.items.map((x) => html`<li><button>${x}</button></li>`)}
        </ul>`,
    )}${this.list.renderMore('test-more')}`;
  }
}
customElements.define('test-paged-list', TestList);

describe('paged list (happy-dom)', () => {
  let el: TestList;
  beforeAll(async () => {
    setLocale('en');
    document.body.innerHTML = '<div id="sr-announcer"></div>';
    el = document.createElement('test-paged-list') as TestList;
    document.body.append(el);
    await settle();
  });
  afterAll(() => document.body.replaceChildren());

  it('loads the first page and offers the next', async () => {
    expect(el.list.items).toEqual(['a0', 'a1']);
    expect(el.querySelector('#test-more')).not.toBeNull();
  });

  it('appends the next page and focuses its first item', async () => {
    await el.list.more();
    await settle();
    expect(el.list.items).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(el.calls.at(-1)).toEqual({ filter: 'a', cursor: '2' });
    expect(document.activeElement?.textContent).toBe('a2');
    // The last page: no button.
    expect(el.querySelector('#test-more')).toBeNull();
  });

  it('starts again from the first page when its parameters change', async () => {
    el.filter = 'b';
    el.requestUpdate();
    await settle();
    expect(el.list.items).toEqual(['b0', 'b1']);
    expect(el.calls.at(-1)).toEqual({ filter: 'b', cursor: null });
  });

  it('keeps what it has and shows the error when the next page fails', async () => {
    el.failNext = true;
    await el.list.more();
    await settle();
    expect(el.list.items).toEqual(['b0', 'b1']);
    expect(el.querySelector('.alert-error')).not.toBeNull();
    expect(el.list.busy).toBe(false);
    expect(el.querySelector('#test-more')).not.toBeNull();
  });

  it('replaces the items after a save', async () => {
    el.list.setItems(['x', ...el.list.items]);
    await settle();
    expect([...el.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['x', 'b0', 'b1']);
  });
});

describe('idempotency keys', () => {
  it('makes a fresh key each time, also without crypto.randomUUID', async () => {
    const { newIdempotencyKey } = await import('../../client/src/data/idempotency.ts');
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    const randomUUID = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});
