import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { logout } from '../api/auth.ts';
import { loading } from '../components/alerts.ts';
import { icon } from '../components/icons.ts';
import { getLocale, LANG_PARAM, onLocaleChange, setLocale, t } from '../i18n/i18n.ts';
import { SrLightElement, type SrPage } from './light-element.ts';
import { announce, NAVIGATE_EVENT, navigate, setFlash } from './navigation.ts';
import { loadRoute, matchRoute, routeLoaded, type RouteDef } from './routes.ts';
import { isAdmin, isAnalyst, isReviewer, isStaff, loadSession, SessionController, setUser } from './session.ts';
import './sr-page-load-failed.ts';
// The pages of EAGER_ROUTES (routes.ts) and the shell's own fallbacks; every other page is a chunk.
import '../pages/public/sr-page-home.ts';
import '../pages/public/sr-page-consultation.ts';
import '../pages/public/sr-page-not-found.ts';
import '../pages/public/sr-page-forbidden.ts';

/** A chunk that arrives sooner than this shows no loading state, so fast navigation does not flicker. */
const LOADING_DELAY_MS = 150;

/**
 * The app shell: skip link, header with language switch and sign-in state, main navigation,
 * `<main>` with the current page, footer, and a polite live region. Owns routing (History API),
 * loading the chunk of a lazy page (a loading state while it comes, an error page with a retry if
 * it fails), the document title, and focus on route change (to the page's h1, or to a `#fragment`).
 */
@customElement('sr-app')
export class SrApp extends SrLightElement {
  private readonly _session = new SessionController(this);
  @state() private _page: HTMLElement | null = null;
  @state() private _route: RouteDef | null = null;
  /** A lazy page's chunk is on its way (shown only after LOADING_DELAY_MS). */
  @state() private _loading = false;
  private _navToken = 0;
  private _path = '';
  /** The address whose page chunk failed to load last (see the retry in _routeTo). */
  private _failedPath = '';
  private _offLocale: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = getLocale();
    this._dropLangParam();
    window.addEventListener('popstate', this._onPopState);
    window.addEventListener(NAVIGATE_EVENT, this._onNavigate);
    document.addEventListener('click', this._onDocumentClick);
    document.addEventListener('pointerover', this._onLinkIntent);
    document.addEventListener('focusin', this._onLinkIntent);
    this._offLocale = onLocaleChange(() => void this._afterLocaleChange());
    void loadSession();
    void this._routeTo(true);
  }

  /**
   * A link's `?lang=` has been read (i18n.ts, it is now the remembered choice); it leaves the
   * address so that a later switch of language is not undone by a reload.
   */
  private _dropLangParam(): void {
    const url = new URL(location.href);
    if (!url.searchParams.has(LANG_PARAM)) return;
    url.searchParams.delete(LANG_PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPopState);
    window.removeEventListener(NAVIGATE_EVENT, this._onNavigate);
    document.removeEventListener('click', this._onDocumentClick);
    document.removeEventListener('pointerover', this._onLinkIntent);
    document.removeEventListener('focusin', this._onLinkIntent);
    this._offLocale?.();
  }

  private readonly _onPopState = () => {
    // A fragment link on the same page (#p-…) changes only the hash: the browser scrolls and focuses.
    if (location.pathname + location.search === this._path) return;
    void this._routeTo(false);
  };

  private readonly _onNavigate = () => void this._routeTo(false);

  /** Same-origin links are routed in the client; new tabs, downloads, /api and fragments are left alone. */
  private readonly _onDocumentClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.composedPath()[0] as Element | undefined)?.closest?.('a');
    if (!a || !a.href || a.target || a.hasAttribute('download') || a.getAttribute('rel')?.includes('external')) return;
    const url = new URL(a.href);
    // Only addresses the client routes; files on this site (a document at /files/…) load normally.
    if (url.origin !== location.origin || url.pathname.startsWith('/api') || !matchRoute(url.pathname)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };

  /** Pointing at or tabbing to a link starts loading its page's chunk, so the click rarely waits. */
  private readonly _onLinkIntent = (e: Event) => {
    const a = (e.composedPath()[0] as Element | undefined)?.closest?.('a');
    if (!a?.href) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    // A failure here is ignored: the navigation, if it comes, loads again and shows the error.
    const route = matchRoute(url.pathname)?.route;
    if (route) loadRoute(route).catch(() => undefined);
  };

  private async _routeTo(initial: boolean): Promise<void> {
    const token = ++this._navToken;
    this._path = location.pathname + location.search;
    const match = matchRoute(location.pathname);
    let page: HTMLElement;
    if (!match) {
      page = document.createElement('sr-page-not-found');
    } else {
      const { route, params } = match;
      if (route.access !== 'public') {
        const user = await loadSession();
        if (token !== this._navToken) return;
        if (!user) {
          navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
          return;
        }
        const allowed =
          route.access === 'admin'
            ? isAdmin(user)
            : route.access === 'analysis'
              ? isAnalyst(user)
              : route.access === 'review'
                ? isAnalyst(user) || isReviewer(user)
                : route.access !== 'staff' || isStaff(user);
        if (!allowed) {
          this._show(document.createElement('sr-page-forbidden'), route, token, initial);
          return;
        }
      }
      if (!(await this._loadPage(route, token))) {
        if (token !== this._navToken) return;
        const failed = document.createElement('sr-page-load-failed');
        // A retry first loads the chunk again in place (the connection may be back). If that fails
        // too, the chunk is likely gone (a new deployment renamed it) and only a full load helps.
        const again = this._failedPath === this._path;
        this._failedPath = this._path;
        failed.retry = again ? () => location.reload() : () => void this._routeTo(false);
        this._show(failed, route, token, initial);
        return;
      }
      if (token !== this._navToken) return;
      this._failedPath = '';
      page = document.createElement(route.tag);
      Object.assign(page, params);
    }
    this._show(page, match?.route ?? null, token, initial);
  }

  /**
   * Loads a lazy page's chunk and the message parts its route names; false when that failed
   * (offline, or a new deployment replaced a chunk).
   */
  private async _loadPage(route: RouteDef, token: number): Promise<boolean> {
    if (routeLoaded(route)) return true;
    const timer = setTimeout(() => {
      if (token === this._navToken) this._loading = true;
    }, LOADING_DELAY_MS);
    try {
      await loadRoute(route);
      return true;
    } catch {
      return false;
    } finally {
      // _show clears the loading state when the next page replaces it, so the old page never
      // comes back for a frame in between.
      clearTimeout(timer);
    }
  }

  private _show(page: HTMLElement, route: RouteDef | null, token: number, initial: boolean): void {
    this._loading = false;
    this._page = page;
    this._route = route;
    void this._afterRender(token, initial);
  }

  private async _afterRender(token: number, initial: boolean): Promise<void> {
    await this.updateComplete;
    const page = this._page as (HTMLElement & SrPage & { updateComplete?: Promise<unknown> }) | null;
    await page?.updateComplete;
    await page?.ready?.catch(() => undefined);
    if (token !== this._navToken) return;
    this._updateTitle();
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
      target.scrollIntoView();
      return;
    }
    if (initial) return; // On first load the browser starts at the top; moving focus would skip the header.
    window.scrollTo(0, 0);
    this.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
  }

  private _updateTitle(): void {
    const h1 = this.querySelector('main h1');
    const text = h1?.textContent?.replace(/\s+/g, ' ').trim();
    document.title = text && this._route?.name !== 'home' ? t('app.pageTitle', { page: text }) : t('app.name');
  }

  private async _afterLocaleChange(): Promise<void> {
    await this.updateComplete;
    await (this._page as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
    this._updateTitle();
  }

  private _onSwitchLanguage(): void {
    setLocale(getLocale() === 'da' ? 'en' : 'da');
    announce(t('lang.current'));
  }

  private async _onSignOut(): Promise<void> {
    try {
      await logout();
    } catch {
      // The session may already be gone; signing out locally is what the user asked for.
    }
    setUser(null);
    setFlash(() => t('auth.signedOut'));
    navigate('/');
  }

  /** Main menu items; `current` is "page" on the item's own page and "true" inside its section. */
  private _navItems(): { href: string; label: string; current: 'page' | 'true' | undefined }[] {
    const user = this._session.user;
    const name = this._route?.name ?? '';
    const cur = (page: boolean, section: boolean): 'page' | 'true' | undefined =>
      page ? 'page' : section ? 'true' : undefined;
    const items: { href: string; label: string; current: 'page' | 'true' | undefined }[] = [
      {
        href: '/',
        label: t('nav.home'),
        current: cur(
          name === 'home',
          name === 'consultation' || name === 'scenario' || name === 'respond' || name === 'responses',
        ),
      },
    ];
    if (isStaff(user)) {
      const inAdmin =
        name.startsWith('admin') && name !== 'admin-accounts' && name !== 'admin-audit' && name !== 'admin-outbox';
      items.push({
        href: '/admin',
        label: isAdmin(user) ? t('nav.admin') : t('nav.staff'),
        current: cur(name === 'admin', inAdmin),
      });
    }
    if (isReviewer(user)) {
      items.push({
        href: '/reviews',
        label: t('nav.myReviews'),
        current: cur(name === 'my-reviews', name === 'review-round'),
      });
    }
    if (isAdmin(user)) {
      items.push({ href: '/admin/accounts', label: t('nav.accounts'), current: cur(name === 'admin-accounts', false) });
      items.push({ href: '/admin/audit', label: t('nav.audit'), current: cur(name === 'admin-audit', false) });
      items.push({ href: '/admin/outbox', label: t('nav.outbox'), current: cur(name === 'admin-outbox', false) });
      items.push({ href: '/admin/parties', label: t('nav.parties'), current: cur(name === 'admin-parties', false) });
    }
    return items;
  }

  private _renderUser() {
    const user = this._session.user;
    if (user) {
      return html`<p class="sr-user">
          ${icon('person')}<span>${t('auth.signedInAs', { name: user.displayName })}</span>
        </p>
        <a class="function-link" id="sr-profile-link" href="/profile">${t('nav.profile')}</a>
        <button type="button" class="function-link" id="sr-sign-out" @click=${() => void this._onSignOut()}>
          ${icon('lock')}${t('auth.signOut')}
        </button>`;
    }
    if (this._route?.name === 'login') return nothing;
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return html`<a class="function-link" id="sr-sign-in" href="/login${next}">${icon('lock')}${t('auth.signIn')}</a> ${
        this._route?.name === 'register'
          ? nothing
          : html`<a class="function-link" id="sr-register-link" href="/register"
              >${icon('person')}${t('nav.register')}</a
            >`
      }`;
  }

  protected override render() {
    const other = t('lang.switchCode');
    return html`
      <a class="skipnav" href="#main-content">${t('app.skipLink')}</a>
      <header class="header">
        <div class="solution-info">
          <div class="solution-info-inner container sr-header-inner">
            <div class="solution-heading">
              <a href="/" id="sr-home-link">${t('app.name')}</a>
            </div>
            <p class="sr-tagline">${t('app.tagline')}</p>
            <div class="sr-header-tools">
              <button
                type="button"
                class="function-link"
                id="sr-language-switch"
                lang=${other}
                data-locale=${other}
                @click=${this._onSwitchLanguage}
              >
                ${icon('language')}${t('lang.switchLabel')}
              </button>
              ${this._renderUser()}
            </div>
          </div>
        </div>
        <div class="navigation-menu sr-navigation">
          <div class="navigation-menu-inner container">
            <nav class="nav" aria-label=${t('app.mainNav')}>
              <ul class="mainmenu">
                ${this._navItems().map(
                  (item) =>
                    html`<li class=${item.current ? 'active current' : ''}>
                      <a href=${item.href} class="nav-link" aria-current=${item.current ?? nothing}
                        ><span>${item.label}</span></a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </div>
        </div>
      </header>
      <div class="page-container">
        <main id="main-content" class="container sr-main" tabindex="-1">
          ${this._loading ? loading() : (this._page ?? nothing)}
        </main>
      </div>
      <footer>
        <div class="footer">
          <div class="container">
            <h2 class="h5 sr-footer-heading">${t('footer.heading')}</h2>
            <p class="sr-footer-about">${t('footer.about')}</p>
            <ul class="unstyled-list inline-list">
              <li><a href="/api/docs" rel="external">${t('footer.apiDocs')}</a></li>
              <li><a href="/api/openapi.json" rel="external">${t('footer.openApi')}</a></li>
            </ul>
          </div>
        </div>
      </footer>
      <div id="sr-announcer" class="sr-only" aria-live="polite" aria-atomic="true"></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-app': SrApp;
  }
}
