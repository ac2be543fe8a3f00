import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../client/src/i18n/i18n.ts';

const consultation = {
  id: '5faaf820-719b-468a-a9bb-0f05886dca48',
  slug: 'naeste-generation-af-nemid',
  title: { da: 'Næste generation af NemID', en: 'The next generation of NemID' },
  summary: { da: 'Hvilken løsning skal afløse NemID?', en: 'Which solution should succeed NemID?' },
  phase: 'open',
  opensAt: '2026-11-01T08:00:00.000Z',
  closesAt: new Date(Date.now() + 21 * 24 * 3600 * 1000).toISOString(),
  itStage: 'analysis',
  acceptsInput: true,
  scenarioCount: 4,
  updatedAt: '2026-11-25T08:00:00.000Z',
};

function fakeApi(url: string): Response {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  if (url.startsWith('/api/auth/session')) return json(200, { account: null });
  if (url.startsWith('/api/consultations?phase=open')) return json(200, { items: [consultation], nextCursor: null });
  if (url.startsWith('/api/consultations')) return json(200, { items: [consultation], nextCursor: null });
  return json(404, { error: { code: 'NOT_FOUND', message: 'No such route' } });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('app shell (happy-dom)', () => {
  beforeAll(async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => fakeApi(url)),
    );
    setLocale('da');
    history.replaceState(null, '', '/');
    await import('../../client/src/app/sr-app.ts');
    document.body.innerHTML = '<sr-app></sr-app>';
    await settle();
  });
  afterAll(() => vi.unstubAllGlobals());

  it('renders the skip link and the landmarks', () => {
    const skip = document.querySelector<HTMLAnchorElement>('a.skipnav');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    expect(skip?.textContent).toBe('Gå til sidens indhold');
    expect(document.querySelector('header.header')).not.toBeNull();
    expect(document.querySelector('nav[aria-label="Hovedmenu"]')).not.toBeNull();
    expect(document.querySelector('main#main-content')).not.toBeNull();
    expect(document.querySelector('footer')).not.toBeNull();
    expect(document.querySelector('#sr-sign-in')?.textContent?.trim()).toBe('Log på');
  });

  it('shows the home page with the open consultation as a list item linking to it', () => {
    expect(document.querySelector('main h1')?.textContent).toBe('Høringer');
    const link = document.querySelector<HTMLAnchorElement>('#home-open .sr-consultation-item a.sr-consultation-link');
    expect(link?.getAttribute('href')).toBe('/consultations/naeste-generation-af-nemid');
    expect(link?.textContent).toBe('Næste generation af NemID');
    expect(document.querySelector('#home-open .sr-deadline')?.textContent).toMatch(/Lukker om 3 uger/);
  });

  it('switches the whole UI to English with a button named in English, and back', async () => {
    const button = document.querySelector<HTMLButtonElement>('#sr-language-switch')!;
    expect(button.getAttribute('lang')).toBe('en');
    expect(button.textContent?.trim()).toBe('English');
    button.click();
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('samraad.locale')).toBe('en');
    expect(document.querySelector('main h1')?.textContent).toBe('Consultations');
    expect(document.querySelector('.sr-consultation-link')?.textContent).toBe('The next generation of NemID');
    const back = document.querySelector<HTMLButtonElement>('#sr-language-switch')!;
    expect(back.getAttribute('lang')).toBe('da');
    expect(back.textContent?.trim()).toBe('Dansk');
    expect(document.title).toBe('Samråd');
    back.click();
    await settle();
    expect(document.documentElement.lang).toBe('da');
  });

  it('routes an unknown address to the 404 page and moves focus to its heading', async () => {
    history.pushState(null, '', '/no/such/page');
    window.dispatchEvent(new Event('sr-navigate'));
    await settle();
    const h1 = document.querySelector<HTMLElement>('main h1');
    expect(h1?.textContent).toBe('Siden blev ikke fundet');
    expect(document.activeElement).toBe(h1);
    expect(document.title).toBe('Siden blev ikke fundet – Samråd');
  });
});
