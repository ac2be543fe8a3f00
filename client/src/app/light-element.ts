import { LitElement } from 'lit';
import { LocaleController } from '../i18n/i18n.ts';

/**
 * Base of every Samråd element: rendered into light DOM so Det Fælles Designsystem's global CSS
 * applies, and re-rendered when the language changes.
 */
export class SrLightElement extends LitElement {
  protected readonly _localeController = new LocaleController(this);

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** A page may tell the app shell when its content is loaded, so focus and title follow the data. */
export interface SrPage {
  readonly ready?: Promise<unknown>;
}
