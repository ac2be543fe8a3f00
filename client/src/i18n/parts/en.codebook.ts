/** English messages for the analysis codebook page (issue 11); merged into `en` (see en.ts). */
export const enCodebook = {
  'codebook.title': 'Codebook',
};
