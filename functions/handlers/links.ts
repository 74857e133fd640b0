// GET|HEAD|POST /l/{code} — the short links in SMS. GET answers 302 to the shop's page (one DynamoDB request that
// also records the click; HEAD and link-preview fetchers are not counted); an opt-out link shows a one-page
// confirmation, and its POST records the opt-out. Unknown or expired codes get a plain Polish page.
// This function is on the SMS recipient's path: it bundles no SDK but DynamoDB's, no zod, no middy.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isLinkCode } from '#domain/short-links';
import type { Deps } from '#services/deps';
import { followLink, isPreviewFetcher } from '#services/follow-link';
import { optOutByCode } from '#services/opt-out';
import { linkDeps } from '../aws/links';
import { expiredPage, optOutDonePage, optOutPage } from './links/pages';

export type LinkDeps = Pick<Deps, 'store' | 'jobs' | 'shortLinks' | 'signUps' | 'clock' | 'logger'>;
type Result = APIGatewayProxyStructuredResultV2;

const PATH = /^\/l\/([^/]+)\/?$/;

const html = (statusCode: number, body: string): Result => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  },
  body,
});

export async function handleLink(event: APIGatewayProxyEventV2, deps: LinkDeps): Promise<Result> {
  const method = event.requestContext.http.method.toUpperCase();
  const code = PATH.exec(event.rawPath)?.[1] ?? '';
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const head = (result: Result): Result => (method === 'HEAD' ? { ...result, body: '' } : result);
  if (!isLinkCode(code)) return head(html(404, expiredPage({})));

  if (method === 'POST') {
    const outcome = await optOutByCode(deps, code);
    return outcome.done ? html(200, optOutDonePage(outcome.link)) : html(404, expiredPage(outcome.link ?? {}));
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return {
      statusCode: 405,
      headers: { allow: 'GET, HEAD, POST', 'content-type': 'text/plain; charset=utf-8' },
      body: 'Method Not Allowed',
    };
  }

  const counted = method === 'GET' && !isPreviewFetcher(headers['user-agent']);
  const outcome = await followLink(deps, code, counted);
  switch (outcome.status) {
    case 'redirect':
      return {
        statusCode: 302,
        headers: { location: outcome.location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
        body: '',
      };
    case 'stop':
      return head(html(200, optOutPage(outcome.link)));
    case 'expired':
      return head(html(410, expiredPage(outcome)));
    case 'unknown':
      return head(html(404, expiredPage({})));
  }
}

/** The handler over injected dependencies (the local runtime passes its own). */
export const makeHandler =
  (getDeps: () => Promise<LinkDeps>) =>
  async (event: APIGatewayProxyEventV2): Promise<Result> => {
    let deps: LinkDeps | undefined;
    try {
      deps = await getDeps();
      return await handleLink(event, deps);
    } catch (error) {
      deps?.logger.error('short link failed', {
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      return html(500, expiredPage({ failed: true }));
    }
  };

export const handler = makeHandler(linkDeps);
