/** English messages for the responses pages; merged into `en` (see en.ts). */
export const enResponses = {};
