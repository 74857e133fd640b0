// What an operator reads when a setting is wrong, and how the accepted ones are read: config.ts checks URLs, whole
// numbers, the OAuth scope and the webhook mode with its own small checks (no zod URL/number-format/enum schemas in
// the bundles); the messages are zod's own English ones, as before.
import { ConfigError, readConfig } from '#config';

const refusal = (env: Record<string, string>) => {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('accepted');
};

describe('readConfig', () => {
  it('reads URLs trimmed, without tabs, newlines or trailing slashes', () => {
    const config = readConfig({ PUBLIC_URL: '  https://api.example.pl/v1//  ', SMSAPI_URL: 'https://api.smsapi.pl/\t' });
    expect(config.PUBLIC_URL).toBe('https://api.example.pl/v1');
    expect(config.SMSAPI_URL).toBe('https://api.smsapi.pl');
    expect(readConfig({}).APP_URL).toBe('http://127.0.0.1:3000/app');
  });

  it('refuses an uninstall purge budget the planner could not finish before its timeout (over 30 s)', () => {
    expect(readConfig({ UNINSTALL_PURGE_BUDGET_MS: '30000' }).UNINSTALL_PURGE_BUDGET_MS).toBe(30_000);
    expect(refusal({ UNINSTALL_PURGE_BUDGET_MS: '45000' })).toMatch(/^CONFIG_INVALID: UNINSTALL_PURGE_BUDGET_MS: /);
  });

  it('refuses a value that is not a URL', () => {
    expect(refusal({ PUBLIC_URL: 'api.example.pl' })).toBe('CONFIG_INVALID: PUBLIC_URL: Invalid URL');
    expect(refusal({ SHORT_LINK_URL: 'nope' })).toBe('CONFIG_INVALID: SHORT_LINK_URL: Invalid URL');
  });

  it('reads whole numbers within their range and names every wrong one', () => {
    expect(readConfig({ SMSAPI_MAX_PARTS: ' 7 ' }).SMSAPI_MAX_PARTS).toBe(7);
    expect(refusal({ SMSAPI_MAX_PARTS: '2.5', SESSION_TTL_SECONDS: '1e30', SENDER_MAX_ATTEMPTS: '0', SMSAPI_TIMEOUT_MS: 'abc' })).toBe(
      'CONFIG_INVALID: SMSAPI_MAX_PARTS: Invalid input: expected int, received number; ' +
        'SMSAPI_TIMEOUT_MS: Invalid input: expected number, received NaN; SENDER_MAX_ATTEMPTS: Too small: expected number to be >=1; ' +
        'SESSION_TTL_SECONDS: Too big: expected int to be <=9007199254740991',
    );
    expect(refusal({ SMSAPI_MAX_PARTS: '11' })).toBe('CONFIG_INVALID: SMSAPI_MAX_PARTS: Too big: expected number to be <=10');
  });

  it('checks the OAuth scope list and the webhook secret mode', () => {
    expect(readConfig({ SMSAPI_OAUTH_SCOPE: 'sms,profile', WEBHOOK_SECRET_MODE: 'derived' })).toMatchObject({
      SMSAPI_OAUTH_SCOPE: 'sms,profile',
      WEBHOOK_SECRET_MODE: 'derived',
    });
    expect(refusal({ SMSAPI_OAUTH_SCOPE: 'sms profile', WEBHOOK_SECRET_MODE: 'Random' })).toBe(
      'CONFIG_INVALID: SMSAPI_OAUTH_SCOPE: Invalid string: must match pattern /^[a-z_]+(,[a-z_]+)*$/; ' +
        'WEBHOOK_SECRET_MODE: Invalid option: expected one of "random"|"derived"',
    );
  });
});
