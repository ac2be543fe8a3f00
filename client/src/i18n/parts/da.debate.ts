/** Danish messages for the debate pages; merged into `da`, checked by `satisfies Messages` in da.ts. */
export const daDebate = {};
