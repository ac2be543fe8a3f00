import { html } from 'lit';
import { t } from '../../i18n/i18n.ts';

/** The analysis workspace's pages of one consultation, in the order of the work. */
export type AnalysisPage =
  | 'inbox'
  | 'codebook'
  | 'themes'
  | 'campaigns'
  | 'agreement'
  | 'analysts'
  | 'redactions'
  | 'findings'
  | 'stakeholder-inputs'
  | 'summaries'
  | 'review-rounds';

const PAGES: readonly { page: AnalysisPage; path: string; label: () => string }[] = [
  { page: 'inbox', path: 'inbox', label: () => t('analysisNav.inbox') },
  { page: 'codebook', path: 'codebook', label: () => t('analysisNav.codebook') },
  { page: 'themes', path: 'themes', label: () => t('analysisNav.themes') },
  { page: 'campaigns', path: 'campaigns', label: () => t('analysisNav.campaigns') },
  { page: 'agreement', path: 'agreement', label: () => t('analysisNav.agreement') },
  { page: 'analysts', path: 'analysts', label: () => t('analysisNav.analysts') },
  { page: 'redactions', path: 'redactions', label: () => t('analysisNav.redactions') },
  { page: 'findings', path: 'findings', label: () => t('analysisNav.findings') },
  { page: 'stakeholder-inputs', path: 'stakeholder-inputs', label: () => t('analysisNav.stakeholderInputs') },
  { page: 'summaries', path: 'theme-summaries', label: () => t('analysisNav.summaries') },
  { page: 'review-rounds', path: 'review-rounds', label: () => t('analysisNav.reviewRounds') },
];

/** A navigation between the analysis pages of a consultation; the current one is marked (aria-current). */
export const analysisNav = (consultationId: string, current: AnalysisPage) =>
  html`<nav aria-label=${t('analysisNav.label')} class="sr-analysis-nav">
    <ul class="sr-anchor-list">
      ${PAGES.map(
        (p) =>
          html`<li>
            ${
              p.page === current
                ? html`<a href="/admin/consultations/${consultationId}/${p.path}" aria-current="page"
                    ><strong>${p.label()}</strong></a
                  >`
                : html`<a href="/admin/consultations/${consultationId}/${p.path}" id="analysis-nav-${p.page}"
                    >${p.label()}</a
                  >`
            }
          </li>`,
      )}
    </ul>
  </nav>`;
