import type { enCodebook } from './en.codebook.ts';

/** Danish messages for the analysis codebook page; `satisfies`: a missing or extra key or a wrong parameter fails tsc. */
export const daCodebook = {
  'codebook.title': 'Kodebog',
} satisfies typeof enCodebook;
