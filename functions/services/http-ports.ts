// The HTTP ports of the shop side: Shoper's REST API and OAuth token endpoint, and SMSAPI's OAuth token endpoint.
// The use cases keep the protocol's rules (token refresh, pacing, retries, what an answer means: shoper-client.ts,
// smsapi-oauth.ts); the adapters only carry requests (functions/adapters/shoper-http.ts, smsapi-oauth-http.ts).

/** What an HTTP API answered: its status and JSON body (undefined when there was none or it was not JSON). */
export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Shoper's leaky bucket as the shop last reported it (X-Shop-Api-Calls / -Limit / -Bandwidth). */
export interface ShoperBucket {
  calls: number;
  limit: number;
  bandwidth: number;
}

export interface ShoperAnswer extends HttpAnswer {
  /** Retry-After, when the shop sent a positive number of seconds. */
  retryAfterSeconds?: number;
  /** When the shop reported its bucket. */
  bucket?: ShoperBucket;
}

export interface ShoperRestRequest {
  method: string;
  /** Below `{shopUrl}/webapi/rest/`. */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** The access token, in clear (never logged). */
  accessToken: string;
}

/** A shop's REST API over HTTP. Rejects when the shop cannot be reached or does not answer in time. */
export interface ShoperHttp {
  /** Posts a form to the shop's OAuth token endpoint for `grant`; `basic` as HTTP Basic credentials when given. */
  token(
    shopUrl: string,
    grant: 'authorization_code' | 'refresh_token',
    form: Record<string, string>,
    basic?: { user: string; password: string },
  ): Promise<ShoperAnswer>;
  rest(shopUrl: string, request: ShoperRestRequest): Promise<ShoperAnswer>;
}

/** SMSAPI's OAuth token endpoint. Rejects when it cannot be reached or does not answer within `timeoutMs`. */
export interface SmsapiOAuthHttp {
  token(url: string, form: Record<string, string>, timeoutMs: number): Promise<HttpAnswer>;
}
