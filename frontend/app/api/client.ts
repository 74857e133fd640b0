// Calls to the admin API (/api/*, same origin), built from the route contracts (#contracts/admin): method and path
// from the contract, the session token as Bearer, JSON both ways, answers checked against the contract's response
// schema, and failures turned into ApiError values with the server's code, message and field.
import { safeParse } from 'zod/mini';
import type * as z from 'zod/mini';
import { pathOf, type PathParams, type ResultOf, type RouteContract } from '#contracts/route';
import { signal } from '@preact/signals-core';
import { smsapiErrorMessage } from '#domain/smsapi-codes';
import { describeIssue, issueField } from '#domain/validation-messages';
import { L, locale } from '../i18n';

/**
 * The server's message in the panel's language: its English twin (`details.en`), the half after " / " of a
 * "polski / English" message, or by code where the server gives facts rather than words (a refused SMSAPI token).
 */
export function messageInLanguage(code: string, message: string, details?: Record<string, unknown>): string {
  const smsapiCode = details?.smsapiCode;
  if (code === 'SMSAPI_TOKEN_INVALID' && typeof smsapiCode === 'number') {
    return L(
      `Token API: SMSAPI go odrzuciło (kod ${smsapiCode}: ${smsapiErrorMessage(smsapiCode, 'pl')}). Skopiuj cały token z panelu SMSAPI (Ustawienia API → Tokeny API) i wklej go ponownie.`,
      `API token: SMSAPI refused it (code ${smsapiCode}: ${smsapiErrorMessage(smsapiCode, 'en')}). Copy the whole token from the SMSAPI panel (API settings → API tokens) and paste it again.`,
    );
  }
  if (locale.value === 'en' && typeof details?.en === 'string') return details.en;
  const halves = message.split(' / ');
  if (halves.length === 2) return L(halves[0]!, halves[1]!);
  return message;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The session token, kept in memory (and in sessionStorage by session.ts, so a reload keeps it). */
export const sessionToken = signal<string | undefined>(undefined);
/** Set when the API said 401: the app shows "Otwórz aplikację z panelu administracyjnego Shoper". */
export const sessionLost = signal(false);

type InputOf<S> = S extends z.core.$ZodType ? z.input<S> : never;
type ParamOptions<C extends RouteContract> = keyof PathParams<C> extends never ? { params?: undefined } : { params: PathParams<C> };

export type CallOptions<C extends RouteContract> = ParamOptions<C> & {
  body?: InputOf<C['body']>;
  query?: InputOf<C['query']>;
  /** Skip the Authorization header (POST /api/session). */
  anonymous?: boolean;
};

/** Calls the route of `contract`; the answer is parsed with its response schema. */
export async function apiCall<C extends RouteContract>(
  contract: C,
  ...[options]: keyof PathParams<C> extends never ? [CallOptions<C>?] : [CallOptions<C>]
): Promise<ResultOf<C>> {
  const { method } = contract;
  const path = pathOf(contract, (options?.params ?? {}) as PathParams<C>);
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries((options?.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options?.body !== undefined) headers['content-type'] = 'application/json';
  if (!options?.anonymous && sessionToken.value) headers.authorization = `Bearer ${sessionToken.value}`;

  let response: Response;
  try {
    response = await fetch(url.toString(), {
      method,
      headers,
      body: options?.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK_ERROR',
      L(
        'Brak połączenia z serwerem aplikacji. Sprawdź internet i spróbuj ponownie.',
        'Cannot reach the app server. Check your connection and try again.',
      ),
    );
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; field?: unknown; details?: unknown } } | undefined)?.error;
    if (response.status === 401 && !options?.anonymous) sessionLost.value = true;
    const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
    const details = typeof error?.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
    throw new ApiError(
      response.status,
      code,
      typeof error?.message === 'string'
        ? messageInLanguage(code, error.message, details)
        : L(`Serwer odpowiedział błędem ${response.status}.`, `The server answered with error ${response.status}.`),
      typeof error?.field === 'string' ? error.field : undefined,
      details,
    );
  }
  if (!contract.response) return payload as ResultOf<C>;
  const parsed = safeParse(contract.response, payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.warn('unexpected API answer', method, path, parsed.error.issues);
    throw new ApiError(
      response.status,
      'RESPONSE_UNEXPECTED',
      L(
        `Nieoczekiwana odpowiedź serwera (${method} ${url.pathname}: ${issue?.path.join('.') ?? ''}). Odśwież stronę; jeśli błąd wróci, skontaktuj się z nami.`,
        `Unexpected answer from the server (${method} ${url.pathname}: ${issue?.path.join('.') ?? ''}). Reload the page; if it happens again, contact us.`,
      ),
    );
  }
  return parsed.data as ResultOf<C>;
}

/** The message to show for any failure (ApiError or not). */
export const errorMessage = (error: unknown): string =>
  error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);

/** Checks a request body with the backend's own schema before sending; a problem is reported on its field. */
export function checkRequest<S extends z.core.$ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = safeParse(schema, body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ApiError(400, 'FIELD_INVALID', describeIssue(issue, locale.value), issueField(issue));
}
