// Pure helpers of the admin SPA: the chart's 30-day series and axis, the iframe parameters, the decision to
// load the Shoper SDK, and the widget line shown to the merchant.
import { accountTypeLabel } from '../../../frontend/app/api/account';
import { axis, lastDays } from '../../../frontend/app/tabs/chart';
import { readIframeContext } from '../../../frontend/app/session';
import { runsInsideShoper } from '../../../frontend/app/shoper-sdk';
import { widgetSnippet } from '../../../frontend/app/tabs/widget-snippet';

test('the chart shows exactly the last 30 days, gaps as zero, across a month end', () => {
  const days = lastDays(
    [
      { date: '2024-03-01', sent: 5 },
      { date: '2024-02-28', sent: 2 },
      { date: '2024-01-01', sent: 9 },
    ],
    '2024-03-01',
  );
  expect(days).toHaveLength(30);
  expect(days[0]!.date).toBe('2024-02-01');
  expect(days.at(-1)).toEqual({ date: '2024-03-01', sent: 5 });
  expect(days.find((d) => d.date === '2024-02-29')).toEqual({ date: '2024-02-29', sent: 0 });
  expect(days.find((d) => d.date === '2024-02-28')!.sent).toBe(2);
  expect(days.some((d) => d.date === '2024-01-01')).toBe(false);
});

test('the axis top is a round number at or above the busiest day', () => {
  expect(axis(0).top).toBeGreaterThan(0);
  expect(axis(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
  expect(axis(37).top).toBe(40);
  expect(axis(1).ticks.at(-1)).toBe(1);
});

test('iframe parameters: the signed part only when complete and well formed', () => {
  const hash = 'a'.repeat(128);
  const ok = readIframeContext(`?shop=abc&place=app&timestamp=1700000000&hash=${hash}&locale=en_US&smsapi=connected`);
  expect(ok.signed).toEqual({ shop: 'abc', place: 'app', timestamp: '1700000000', hash, locale: 'en_US' });
  expect(ok.locale).toBe('en_US');
  expect(ok.smsapiResult).toBe('connected');
  expect(readIframeContext('?shop=abc&place=app&timestamp=1700000000').signed).toBeUndefined();
  expect(readIframeContext('').signed).toBeUndefined();
});

test("the admin's language comes from Shoper's `translations`, with `locale` as the fallback", () => {
  const hash = 'a'.repeat(128);
  const base = `?shop=abc&place=app&timestamp=1700000000&hash=${hash}`;
  const english = readIframeContext(`${base}&translations=en_US&locale=pl_PL`);
  expect(english.locale).toBe('en_US');
  expect(english.signed?.locale).toBe('en_US');
  expect(readIframeContext(`${base}&translations=pl_PL`).locale).toBe('pl_PL');
  expect(readIframeContext(`${base}&locale=en_US`).locale).toBe('en_US');
  expect(readIframeContext(`${base}&translations=&locale=en_US`).locale).toBe('en_US');
  expect(readIframeContext(base).locale).toBeUndefined();
});

test('the Shoper SDK is loaded only in a frame opened by a non-local admin with signed parameters', () => {
  const base = { framed: true, hasSignedParameters: true, referrer: 'https://sklep123.shoparena.pl/admin/apps', sdkParam: null };
  expect(runsInsideShoper(base)).toBe(true);
  expect(runsInsideShoper({ ...base, referrer: 'http://127.0.0.1:3100/s/demo/admin' })).toBe(false);
  expect(runsInsideShoper({ ...base, referrer: 'http://localhost:3100/' })).toBe(false);
  expect(runsInsideShoper({ ...base, framed: false })).toBe(false);
  expect(runsInsideShoper({ ...base, hasSignedParameters: false })).toBe(false);
  expect(runsInsideShoper({ ...base, referrer: '' })).toBe(false);
  expect(runsInsideShoper({ ...base, referrer: 'http://127.0.0.1/', sdkParam: '1' })).toBe(true);
  expect(runsInsideShoper({ ...base, sdkParam: '0' })).toBe(false);
});

test('the widget line names the script, the shop licence and the API origin', () => {
  expect(widgetSnippet('https://sms.example.com', 'abc123')).toBe(
    '<script src="https://sms.example.com/widget/sms-widget.js" data-shop="abc123" data-api="https://sms.example.com" defer></script>',
  );
});

test('an SMSAPI account without a balance is named by its type (postpaid shows as an account type, not points)', () => {
  expect(accountTypeLabel('postpaid')).toBe('Konto abonamentowe (postpaid)');
  expect(accountTypeLabel('subscription')).toBe('Konto abonamentowe (subskrypcja)');
  expect(accountTypeLabel('some_new_type')).toBe('some_new_type');
  expect(accountTypeLabel(null)).toBeUndefined();
});
