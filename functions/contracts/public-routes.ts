// Every public HTTP path and the Lambda function behind it: the CDK stack adds these routes to API Gateway and the
// local runtime dispatches by the same table, so the two cannot drift. Paths in API Gateway's syntax: `{name}` is
// one segment, `{name+}` one or more.
export type PublicFunction = 'appstore' | 'webhooks' | 'reports' | 'admin' | 'storefront' | 'links';
export type PublicMethod = 'GET' | 'HEAD' | 'POST' | 'OPTIONS' | 'ANY';

export interface PublicRoute {
  path: string;
  methods: readonly PublicMethod[];
  fn: PublicFunction;
}

/** The public paths of docs/architecture.md ("HTTP surface"): what publishers enter in Shoper and SMSAPI. */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { path: '/shoper/appstore', methods: ['POST'], fn: 'appstore' },
  { path: '/shoper/webhooks', methods: ['POST'], fn: 'webhooks' },
  { path: '/smsapi/reports', methods: ['GET', 'POST'], fn: 'reports' },
  { path: '/smsapi/oauth/callback', methods: ['GET'], fn: 'admin' },
  { path: '/api/{proxy+}', methods: ['ANY'], fn: 'admin' },
  { path: '/health', methods: ['GET'], fn: 'admin' },
  { path: '/storefront/{proxy+}', methods: ['POST', 'OPTIONS'], fn: 'storefront' },
  { path: '/l/{code}', methods: ['GET', 'HEAD', 'POST'], fn: 'links' },
];

const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/(\{\w+\+?\})/)
      .map((part) => (/^\{\w+\+\}$/.test(part) ? '.+' : /^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
const MATCHERS = PUBLIC_ROUTES.map((route) => ({ route, pattern: patternOf(route.path) }));

/** The route API Gateway would pick for `method path`, or undefined (API Gateway answers 404 itself). */
export function matchPublicRoute(method: string, path: string): PublicRoute | undefined {
  const upper = method.toUpperCase();
  return MATCHERS.find(
    ({ route, pattern }) => (route.methods.includes('ANY') || route.methods.includes(upper as PublicMethod)) && pattern.test(path),
  )?.route;
}
