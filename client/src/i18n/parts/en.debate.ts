/** English messages for the debate pages; merged into `en` (see en.ts). */
export const enDebate = {};
