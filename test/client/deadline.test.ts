import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { draftKey } from '../../client/src/data/response-draft.ts';
import { setLocale } from '../../client/src/i18n/i18n.ts';
import { enResponses } from '../../client/src/i18n/parts/en.responses.ts';
import { DeadlineController, nextCheckDelay } from '../../client/src/pages/responses/consultation-state.ts';
import type { SrPageRespond } from '../../client/src/pages/responses/sr-page-respond.ts';

const MINUTE = 60_000;
const NOW = Date.parse('2026-11-25T13:57:30.000Z');
const at = (ms: number) => ({ closesAt: new Date(NOW + ms).toISOString() });

describe('the next look at the deadline', () => {
  it('waits until the next whole minute before the deadline, and in the last minute until the deadline', () => {
    expect(nextCheckDelay(at(5 * MINUTE + 20_000), 0, NOW)).toBe(20_000);
    expect(nextCheckDelay(at(3 * MINUTE), 0, NOW)).toBe(MINUTE);
    expect(nextCheckDelay(at(42_000), 0, NOW)).toBe(42_000);
    expect(nextCheckDelay(at(1), 0, NOW)).toBe(1);
  });

  it('waits a minute at most, far below the ~24.8 days setTimeout can wait', () => {
    expect(nextCheckDelay(at(40 * 24 * 60 * MINUTE + 7), 0, NOW)).toBe(7);
    expect(nextCheckDelay(at(40 * 24 * 60 * MINUTE), 0, NOW)).toBe(MINUTE);
  });

  it('judges with the server’s clock: a server 2 minutes ahead leaves 2 minutes less', () => {
    expect(nextCheckDelay(at(2 * MINUTE + 30_000), 2 * MINUTE, NOW)).toBe(30_000);
    expect(nextCheckDelay(at(2 * MINUTE), 2 * MINUTE, NOW)).toBeNull();
  });

  it('has nothing to wait for without a deadline, after it, or with a broken one', () => {
    expect(nextCheckDelay({ closesAt: null }, 0, NOW)).toBeNull();
    expect(nextCheckDelay(at(0), 0, NOW)).toBeNull();
    expect(nextCheckDelay(at(-MINUTE), 0, NOW)).toBeNull();
    expect(nextCheckDelay({ closesAt: 'not a date' }, 0, NOW)).toBeNull();
  });
});

// The respond page in happy-dom with a fake clock, its API answered by a stub of the HTTP layer.
describe('the respond page at the deadline (happy-dom)', () => {
  const closesAt = new Date(NOW + 90_000).toISOString();
  const consultation = {
    id: '6a3c1d2e-1f1b-4a53-9d55-6f1c2b8e0a11',
    slug: 'deadline-test',
    title: { da: 'Fristtest', en: 'Deadline test' },
    phase: 'open',
    opensAt: new Date(NOW - 86_400_000).toISOString(),
    closesAt,
    serverTime: new Date(NOW).toISOString(),
  };
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  let page: SrPageRespond;
  const timeLeft = () => page.querySelector('.sr-time-left strong')?.textContent?.trim();

  beforeAll(async () => {
    vi.useFakeTimers({ now: NOW });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/questions') || url.endsWith('/scenarios') ? json([]) : json(consultation),
      ),
    );
    setLocale('en');
    localStorage.clear();
    await import('../../client/src/pages/responses/sr-page-respond.ts');
    document.body.innerHTML = '<div id="sr-announcer" aria-live="polite"></div><main></main>';
    page = document.createElement('sr-page-respond');
    page.slug = consultation.slug;
    document.querySelector('main')!.append(page);
    await vi.advanceTimersByTimeAsync(0);
    await page.ready;
  });
  afterAll(() => {
    page?.remove();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('offers the form and counts the time left down to the last minute', async () => {
    expect(page.querySelector('#resp-submit')).not.toBeNull();
    expect(timeLeft()).toBe('(Closes in 2 minutes)');
    const body = page.querySelector<HTMLTextAreaElement>('#resp-body')!;
    body.focus();
    body.value = 'Typed before the deadline';
    body.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(timeLeft()).toBe('(Closes in 1 minute)');
    expect(page.querySelector('#resp-submit')).not.toBeNull();
  });

  it('closes at the deadline: no submit, read-only fields, the closed notice focused, announced once', async () => {
    await vi.advanceTimersByTimeAsync(59_999);
    expect(page.querySelector('#resp-submit')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1 + 100);
    expect(page.querySelector('#resp-submit')).toBeNull();
    expect(page.querySelector('.sr-time-left')).toBeNull();
    const notice = page.querySelector<HTMLElement>('#resp-closed')!;
    expect(notice.textContent).toContain(enResponses['resp.closed']);
    expect(notice.getAttribute('role')).toBeNull();
    expect(notice.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(notice);
    expect(document.querySelector('#sr-announcer')?.textContent).toBe(enResponses['resp.closedNow']);
    const body = page.querySelector<HTMLTextAreaElement>('#resp-body')!;
    expect(body.readOnly).toBe(true);
    expect(body.value).toBe('Typed before the deadline');
  });

  it('keeps the draft in the browser and sets no more timers once closed', async () => {
    const stored = JSON.parse(localStorage.getItem(draftKey(consultation.id)) ?? 'null');
    expect(stored?.value.body).toBe('Typed before the deadline');
    document.querySelector('#sr-announcer')!.textContent = '';
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(document.querySelector('#sr-announcer')?.textContent).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the deadline watcher when the page comes back into view', () => {
  it('looks at the clock at once (a background tab or a sleeping laptop ran its timer late), and closes once', () => {
    vi.useFakeTimers({ now: NOW });
    try {
      let updates = 0;
      const closes: number[] = [];
      const host = { addController: () => {}, requestUpdate: () => void updates++ } as never;
      const watcher = new DeadlineController(host, () => closes.push(Date.now()));
      watcher.hostConnected();
      watcher.watch(at(5 * MINUTE), 0);

      // Back into view before the deadline: the time left is redrawn, nothing closes.
      document.dispatchEvent(new Event('visibilitychange'));
      expect(updates).toBe(1);
      expect(closes).toEqual([]);

      // The clock moves past the deadline while no timer runs (setSystemTime fires none).
      vi.setSystemTime(NOW + 6 * MINUTE);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(closes).toEqual([NOW + 6 * MINUTE]);
      document.dispatchEvent(new Event('visibilitychange'));
      vi.advanceTimersByTime(10 * MINUTE);
      expect(closes).toHaveLength(1);

      // Once the page is gone it listens no more.
      watcher.hostDisconnected();
      watcher.watch(at(20 * MINUTE), 0);
      vi.setSystemTime(NOW + 30 * MINUTE);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(closes).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
