import type { RouteDef } from './routes.ts';

/** The analysis workspace's pages (issue 11), for analysts and admins; each loads on first visit. */
const pages = {
  inbox: () => import('../pages/analysis/sr-page-inbox.ts'),
  item: () => import('../pages/analysis/sr-page-inbox-item.ts'),
  codebook: () => import('../pages/analysis/sr-page-codebook.ts'),
  analysts: () => import('../pages/analysis/sr-page-analysts.ts'),
  agreement: () => import('../pages/analysis/sr-page-agreement.ts'),
  sample: () => import('../pages/analysis/sr-page-agreement-sample.ts'),
  themes: () => import('../pages/analysis/sr-page-themes.ts'),
  campaigns: () => import('../pages/analysis/sr-page-campaigns.ts'),
  campaign: () => import('../pages/analysis/sr-page-campaign.ts'),
  redactions: () => import('../pages/analysis/sr-page-redactions.ts'),
};

/** Routes of the analysis pages, appended to the route table in routes.ts. */
export const ANALYSIS_ROUTES: readonly RouteDef[] = [
  {
    name: 'analysis-inbox',
    path: '/admin/consultations/:consultationId/inbox',
    tag: 'sr-page-inbox',
    access: 'analysis',
    load: pages.inbox,
    parts: ['inbox', 'campaigns', 'imports'],
  },
  {
    name: 'analysis-item',
    path: '/admin/consultations/:consultationId/inbox/:kind/:itemId',
    tag: 'sr-page-inbox-item',
    access: 'analysis',
    load: pages.item,
    parts: ['inbox', 'agreement', 'identity', 'privacy'],
  },
  {
    name: 'analysis-codebook',
    path: '/admin/consultations/:consultationId/codebook',
    tag: 'sr-page-codebook',
    access: 'analysis',
    load: pages.codebook,
    parts: ['codebook'],
  },
  {
    name: 'analysis-analysts',
    path: '/admin/consultations/:consultationId/analysts',
    tag: 'sr-page-analysts',
    access: 'analysis',
    load: pages.analysts,
    parts: ['inbox'],
  },
  {
    name: 'analysis-agreement',
    path: '/admin/consultations/:consultationId/agreement',
    tag: 'sr-page-agreement',
    access: 'analysis',
    load: pages.agreement,
    parts: ['agreement'],
  },
  {
    name: 'analysis-agreement-sample',
    path: '/admin/consultations/:consultationId/agreement/:sampleId',
    tag: 'sr-page-agreement-sample',
    access: 'analysis',
    load: pages.sample,
    parts: ['agreement'],
  },
  {
    name: 'analysis-themes',
    path: '/admin/consultations/:consultationId/themes',
    tag: 'sr-page-themes',
    access: 'analysis',
    load: pages.themes,
    parts: ['themes'],
  },
  {
    name: 'analysis-campaigns',
    path: '/admin/consultations/:consultationId/campaigns',
    tag: 'sr-page-campaigns',
    access: 'analysis',
    load: pages.campaigns,
    parts: ['campaigns'],
  },
  {
    name: 'analysis-campaign',
    path: '/admin/consultations/:consultationId/campaigns/:campaignId',
    tag: 'sr-page-campaign',
    access: 'analysis',
    load: pages.campaign,
    parts: ['campaigns'],
  },
  {
    name: 'analysis-redactions',
    path: '/admin/consultations/:consultationId/redactions',
    tag: 'sr-page-redactions',
    access: 'analysis',
    load: pages.redactions,
    parts: ['privacy', 'inbox'],
  },
];
