// Serves the built front end (admin SPA under /app, storefront widget under /widget) and a landing page
// listing what runs where. In AWS the same files come from S3 + CloudFront.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

export const FRONTEND_DIST = join(__dirname, '..', 'dist', 'frontend');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  runtime: { url: string; shop: { url: string }; smsapi: { url: string } },
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(landingPage(runtime));
    return true;
  }
  if (!pathname.startsWith('/app') && !pathname.startsWith('/widget/')) return false;
  let relative = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  if (relative === '/app' || relative === '/app/') relative = '/app/index.html';
  const file = join(FRONTEND_DIST, relative);
  if (!file.startsWith(FRONTEND_DIST)) return false;
  const target =
    existsSync(file) && statSync(file).isFile()
      ? file
      : pathname.startsWith('/app/')
        ? join(FRONTEND_DIST, 'app', 'index.html')
        : undefined;
  if (!target || !existsSync(target)) return false;
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    ...(pathname.startsWith('/widget/') ? { 'access-control-allow-origin': '*' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : readFileSync(target));
  return true;
}

function landingPage(r: { url: string; shop: { url: string }; smsapi: { url: string } }) {
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>SMS notifications — local</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:720px;margin:40px auto;padding:0 16px;color:#1d2733}
a{color:#0b63c5}code{background:#f1f3f5;padding:1px 4px;border-radius:3px}li{margin:6px 0}</style></head><body>
<h1>Powiadomienia SMS — lokalnie</h1>
<ul>
<li>Panel sklepu (symulator Shopera): <a href="${r.shop.url}/s/demo/admin">${r.shop.url}/s/demo/admin</a></li>
<li>Skrzynka nadawcza (symulator SMSAPI): <a href="${r.smsapi.url}/">${r.smsapi.url}/</a></li>
<li>Aplikacja (otwórz ją z panelu sklepu, aby się zalogować): <a href="${r.url}/app/">${r.url}/app/</a></li>
<li>Zegar: <code>POST ${r.url}/local/clock/advance {"days":1}</code> · <a href="${r.url}/local/clock">${r.url}/local/clock</a></li>
</ul></body></html>`;
}
