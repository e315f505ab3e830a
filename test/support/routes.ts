import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The routes an application really registered, read from its own Fastify routing table (after `listen`): Nest's
 * controllers, the OpenAPI UI and its assets, health and metrics, the CORS preflight, the queue dashboard and the
 * portal's static files and client-side fallback — whatever registered them, whenever.
 *
 * Fastify exposes its router only through `printRoutes()`: a tree whose labels, joined from the root down, are
 * the registered paths, each node that ends a route followed by its methods, e.g.
 *
 *     └── (empty root node)
 *         ├── / (GET, HEAD)
 *         │   ├── api/v1/
 *         │   │   ├── bids (GET, HEAD, POST)
 *         │   │   │   └── /
 *         │   │   │       └── :id (GET, HEAD, PATCH)
 *
 * (the default, compressed form: `commonPrefix: false` drops static segments above a wildcard). Every parsed
 * route is checked against the router with `hasRoute`, so a misread tree fails loudly instead of losing routes.
 */

export interface RegisteredRoute {
  method: string;
  /** As registered, e.g. `/api/v1/challenges/:id/questions/:qid/answer`, `/admin/queues/static/*` (a bare `*` as `/*`). */
  path: string;
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

/** Parses Fastify's `printRoutes()` output (the default compressed tree) into method + path pairs. */
export function parseRouteTree(tree: string): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const labels: string[] = [];
  for (const line of tree.split('\n')) {
    if (line.trim() === '') continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`unexpected line in Fastify's route tree: ${JSON.stringify(line)}`);
    const [, indent, rawLabel, methods] = match;
    const depth = indent.length / 4;
    const label = rawLabel === '(empty root node)' ? '' : rawLabel;
    labels.length = depth;
    labels.push(label);
    if (methods === undefined) continue;
    // find-my-way keeps a catch-all registered as `*` (the CORS preflight) beside the `/` node: it is `/*`.
    const joined = labels.join('');
    const path = joined.startsWith('/') ? joined : `/${joined}`;
    for (const method of methods.split(', ')) routes.push({ method, path });
  }
  return routes;
}

/** Every method + path the app's Fastify instance routes, sorted; throws when the tree was misread. */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  const fastify = app.getHttpAdapter().getInstance();
  const routes = parseRouteTree(fastify.printRoutes());
  const unknown = routes.filter((r) => !fastify.hasRoute({ method: r.method as 'GET', url: r.path }));
  if (unknown.length > 0) throw new Error(`misread Fastify's route tree: ${unknown.map(routeKey).join(', ')} are not routes`);
  if (routes.length === 0) throw new Error('no routes registered (is the app listening?)');
  return routes.sort((a, b) => routeKey(a).localeCompare(routeKey(b)));
}

/**
 * `METHOD /path` with path parameters named by position (`:p1`, `:p2`…), so a catalog's names (`:qid`,
 * `:organizationId`) and Fastify's agree on the shape only.
 */
export function routeKey(route: RegisteredRoute): string {
  return `${route.method} ${normalizePath(route.path)}`;
}

export function normalizePath(path: string): string {
  let n = 0;
  return path.replace(/:[A-Za-z_][A-Za-z0-9_]*(\([^)]*\))?/g, () => `:p${++n}`);
}

/** `METHOD /path` of a catalog entry, normalized like routeKey. */
export function endpointKey(endpoint: string): string {
  const [method, path] = endpoint.split(' ');
  return routeKey({ method, path });
}
