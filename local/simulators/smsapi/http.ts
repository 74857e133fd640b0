// Small node:http helpers: read parameters from query, form or JSON bodies, and write answers.
import type { IncomingMessage, ServerResponse } from 'node:http';

const BODY_LIMIT_BYTES = 1024 * 1024;

export type Params = Map<string, string>;

export class BadRequest extends Error {
  constructor(
    readonly code: 'SIM_BODY_TOO_LARGE' | 'SIM_BODY_NOT_JSON',
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > BODY_LIMIT_BYTES) throw new BadRequest('SIM_BODY_TOO_LARGE', 'Request body larger than 1 MB');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function paramValue(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  // Several numbers travel joined by ','.
  if (Array.isArray(value)) return value.map((v) => paramValue(key, v)).join(',');
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * Sets one parameter, keeping array parameters: `idx[]` repeated becomes `idx[0]`, `idx[1]`, … as `idx[0]=…&idx[1]=…`
 * (what SMSAPI's PHP client sends, PHP's http_build_query) would be.
 */
function setParam(params: Params, key: string, value: string): void {
  if (key.endsWith('[]')) {
    const base = key.slice(0, -2);
    let i = 0;
    while (params.has(`${base}[${i}]`)) i++;
    params.set(`${base}[${i}]`, value);
  } else {
    params.set(key, value);
  }
}

/** An array parameter's values in order (`name[0]`, `name[1]`, …), or undefined when it was not sent as an array. */
export function arrayParam(params: Params, name: string): string[] | undefined {
  if (!params.has(`${name}[0]`)) return undefined;
  const values: string[] = [];
  for (let i = 0; params.has(`${name}[${i}]`); i++) values.push(params.get(`${name}[${i}]`)!);
  return values;
}

/** Query parameters overlaid with the body's (form-urlencoded or JSON), as SMSAPI accepts both. */
export function parseParams(req: IncomingMessage, url: URL, body: string): Params {
  const params: Params = new Map();
  for (const [key, value] of url.searchParams) setParam(params, key, value);
  if (body.trim().length === 0) return params;
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new BadRequest('SIM_BODY_NOT_JSON', 'Body is not valid JSON');
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed)) {
        // A JSON array of idx (or param1…param4) values is the array parameter, as the form's idx[0], idx[1], …
        if (/^(idx|param[1-4])$/.test(key) && Array.isArray(value)) value.forEach((v, i) => params.set(`${key}[${i}]`, paramValue(key, v)));
        else params.set(key, paramValue(key, value));
      }
    }
    return params;
  }
  for (const [key, value] of new URLSearchParams(body)) setParam(params, key, value);
  return params;
}

export function flag(params: Params, name: string): boolean {
  const value = (params.get(name) ?? '').toLowerCase();
  return value === '1' || value === 'true';
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1]?.trim();
}

export function basicCredentials(req: IncomingMessage): { user: string; password: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decodeURIComponent(decoded.slice(0, colon)), password: decodeURIComponent(decoded.slice(colon + 1)) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

export function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { location, 'content-length': 0 });
  res.end();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
