/**
 * The message parts beyond the shell's, by area. A route names the parts its page needs
 * (`RouteDef.parts`, app/routes.ts) and the app shell loads them together with the page's chunk, so
 * no page or component imports a part for its side effect and the first load carries only the
 * shell's messages. test/client/i18n-parts.test.ts checks each route names every part whose keys
 * its page (and what the page imports) names.
 */
export type MessagePart =
  | 'admin'
  | 'responses'
  | 'debate'
  | 'inbox'
  | 'codebook'
  | 'agreement'
  | 'themes'
  | 'campaigns'
  | 'imports'
  | 'privacy'
  | 'identity'
  | 'stakeholder'
  | 'parties'
  | 'reviews'
  | 'findings'
  | 'used'
  | 'summaries'
  | 'notat';

const LOADERS: Record<MessagePart, () => Promise<unknown>> = {
  admin: () => import('./parts/admin.ts'),
  responses: () => import('./parts/responses.ts'),
  debate: () => import('./parts/debate.ts'),
  inbox: () => import('./parts/inbox.ts'),
  codebook: () => import('./parts/codebook.ts'),
  agreement: () => import('./parts/agreement.ts'),
  themes: () => import('./parts/themes.ts'),
  campaigns: () => import('./parts/campaigns.ts'),
  imports: () => import('./parts/imports.ts'),
  privacy: () => import('./parts/privacy.ts'),
  identity: () => import('./parts/identity.ts'),
  stakeholder: () => import('./parts/stakeholder.ts'),
  parties: () => import('./parts/parties.ts'),
  reviews: () => import('./parts/reviews.ts'),
  findings: () => import('./parts/findings.ts'),
  used: () => import('./parts/used.ts'),
  summaries: () => import('./parts/summaries.ts'),
  notat: () => import('./parts/notat.ts'),
};

const loaded = new Set<MessagePart>();

/** Whether every part named is already in the dictionaries. */
export const partsLoaded = (parts: readonly MessagePart[]): boolean => parts.every((p) => loaded.has(p));

/** Adds the parts' messages to the dictionaries (each part's chunk is fetched once). */
export async function loadParts(parts: readonly MessagePart[]): Promise<void> {
  await Promise.all(
    parts.map(async (p) => {
      await LOADERS[p]();
      loaded.add(p);
    }),
  );
}
