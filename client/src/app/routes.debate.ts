import type { RouteDef } from './routes.ts';

/** Routes of the debate pages, appended to the route table in routes.ts. Specific paths before `:param` ones. */
export const DEBATE_ROUTES: readonly RouteDef[] = [];
