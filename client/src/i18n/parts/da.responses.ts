/** Danish messages for the responses pages; merged into `da`, checked by `satisfies Messages` in da.ts. */
export const daResponses = {};
