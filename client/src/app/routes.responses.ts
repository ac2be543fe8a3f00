import type { RouteDef } from './routes.ts';

/** Routes of the responses pages, appended to the route table in routes.ts. Specific paths before `:param` ones. */
export const RESPONSES_ROUTES: readonly RouteDef[] = [];
