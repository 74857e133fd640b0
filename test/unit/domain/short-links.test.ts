// Short links in the message text: codes, targets that never leave the shop's domain, the opt-out line, links
// counted at their real length by the counter and the save check, never cut when a message is kept within its
// parts; which click earns an order; which requests are link previews.
import { renderLinkedMessage } from '#domain/linked-message';
import {
  CODE_LENGTH,
  isLinkCode,
  linkCode,
  linkTarget,
  onShopOrigin,
  withStopLink,
  type LinkMaker,
  type ShortLink,
} from '#domain/short-links';
import { renderMessage, renderSample, validateTemplate } from '#domain/template';
import { smsLength } from '#domain/sms-length';
import { composerFigures } from '../../../frontend/app/composer/counter';
import { attributedClick, minorUnits } from '#services/attribution';
import { isPreviewFetcher } from '#services/follow-link';

const BASE = 'https://sms.sklep-demo.pl';

function maker(): LinkMaker {
  return {
    base: BASE,
    make: (request, placeholders) =>
      placeholders.map(
        (placeholder): ShortLink => ({
          code: linkCode('test-key', `job-${request.jobKey}`, placeholder),
          shop: 'shop-1',
          jobId: `job-${request.jobKey}`,
          kind: request.kind,
          placeholder,
          purpose: placeholder === 'stop_link' ? 'stop' : 'redirect',
          target: placeholder === 'stop_link' ? request.targets.shopUrl : linkTarget(placeholder, request.targets),
          shopUrl: request.targets.shopUrl,
          phone: request.phone,
          timeZone: 'Europe/Warsaw',
          createdAt: '2026-01-01T10:00:00.000Z',
          validUntil: '2026-04-01T10:00:00.000Z',
        }),
      ),
  };
}
const request = {
  jobKey: 'k1',
  phone: '+48601234567',
  targets: { shopUrl: 'https://sklep-demo.pl', productUrl: 'https://sklep-demo.pl/pl/p/koszulka/7' },
};

describe('codes', () => {
  it('are base62, of the set length, the same for the same SMS and link, different otherwise', () => {
    const code = linkCode('key', 'job-1', 'shop_link');
    expect(code).toMatch(new RegExp(`^[0-9A-Za-z]{${CODE_LENGTH}}$`));
    expect(CODE_LENGTH).toBeGreaterThanOrEqual(8);
    expect(linkCode('key', 'job-1', 'shop_link')).toBe(code);
    expect(linkCode('key', 'job-1', 'stop_link')).not.toBe(code);
    expect(linkCode('key', 'job-2', 'shop_link')).not.toBe(code);
    expect(linkCode('other-key', 'job-1', 'shop_link')).not.toBe(code);
    expect(isLinkCode(code)).toBe(true);
    expect(isLinkCode('../etc')).toBe(false);
  });
});

describe('targets stay on the shop', () => {
  it('accept the shop own pages and refuse any other host or scheme', () => {
    const shop = 'https://sklep-demo.pl';
    expect(onShopOrigin('/basket', shop)).toBe('https://sklep-demo.pl/basket');
    expect(onShopOrigin('https://sklep-demo.pl/pl/p/x/1', shop)).toBe('https://sklep-demo.pl/pl/p/x/1');
    expect(onShopOrigin('https://evil.example/phish', shop)).toBeUndefined();
    expect(onShopOrigin('//evil.example/x', shop)).toBeUndefined();
    expect(onShopOrigin('https://sklep-demo.pl.evil.example/', shop)).toBeUndefined();
    expect(onShopOrigin('javascript:alert(1)', shop)).toBeUndefined();
    expect(onShopOrigin('https://user:pw@sklep-demo.pl/x', shop)).toBe('https://sklep-demo.pl/x');
  });

  it('fall back to the shop when Shoper gives no page or one elsewhere', () => {
    expect(linkTarget('product_link', { shopUrl: 'https://sklep-demo.pl', productUrl: 'https://evil.example/p' })).toBe(
      'https://sklep-demo.pl/',
    );
    expect(linkTarget('order_link', { shopUrl: 'https://sklep-demo.pl' })).toBe('https://sklep-demo.pl/');
    expect(linkTarget('basket_link', { shopUrl: 'https://sklep-demo.pl' })).toBe('https://sklep-demo.pl/basket');
  });
});

describe('the opt-out line', () => {
  it('is added to marketing templates without {stop_link}, never to order messages, and not twice', () => {
    expect(withStopLink('celebration', 'Hej {name}', true)).toBe('Hej {name}\nRezygnacja: {stop_link}');
    expect(withStopLink('celebration', 'Hej {name} {stop_link}', true)).toBe('Hej {name} {stop_link}');
    expect(withStopLink('order-status', 'Zamówienie {order_id}', true)).toBe('Zamówienie {order_id}');
    expect(withStopLink('back-in-stock', 'Jest!', false)).toBe('Jest!');
  });
});

describe('a message with its links', () => {
  it('puts one short link per placeholder and the stop line in; each points where it should', () => {
    const message = renderLinkedMessage(
      'back-in-stock',
      '{product_name} wrócił: {product_link}',
      { product_name: 'Koszulka' },
      { links: maker(), autoStopLink: true, request },
    );
    const [product, stop] = message.links;
    expect(message.text).toBe(`Koszulka wrócił: ${BASE}/l/${product!.code}\nRezygnacja: ${BASE}/l/${stop!.code}`);
    expect(product).toMatchObject({ placeholder: 'product_link', purpose: 'redirect', target: 'https://sklep-demo.pl/pl/p/koszulka/7' });
    expect(stop).toMatchObject({ placeholder: 'stop_link', purpose: 'stop', phone: '+48601234567' });
  });

  it('never cuts a link: a long customer name gives way, the links stay whole', () => {
    const text = 'Anna {name}, wroc do nas: {shop_link}';
    const message = renderLinkedMessage(
      'abandoned-cart',
      text,
      { name: 'X'.repeat(2000) },
      { links: maker(), autoStopLink: true, request, maxParts: 6 },
    );
    for (const link of message.links) expect(message.text).toContain(`${BASE}/l/${link.code}`);
    expect(message.text.endsWith(`${BASE}/l/${message.links[1]!.code}`)).toBe(true);
    expect(smsLength(message.text).parts).toBeLessThanOrEqual(2);
  });

  it('keeps links whole even when only the end of the message can be cut', () => {
    const url = `${BASE}/l/AbCdEf1234`;
    const text = renderMessage('celebration', `${'A'.repeat(150)} {shop_link} ${'B'.repeat(200)}`, { shop_link: url }, { maxParts: 6 });
    expect(text).toContain(url);
  });

  it('counts links at their real length in the counter, the preview and the save check', () => {
    const longBase = `https://${'s'.repeat(120)}.pl`;
    const text = `${'Wroc do koszyka '.repeat(9)}{basket_link}`; // 144 + the sample link's 31 > 160
    expect(validateTemplate('abandoned-cart', text, { maxParts: 1 })).toEqual([expect.objectContaining({ code: 'TEMPLATE_TOO_LONG' })]);
    expect(validateTemplate('abandoned-cart', 'Koszyk: {basket_link}', { maxParts: 1, linkBase: longBase })).toEqual([]);
    expect(
      validateTemplate('abandoned-cart', `${'x'.repeat(20)} {basket_link}`, { maxParts: 1, linkBase: longBase, autoStopLink: true }),
    ).toEqual([expect.objectContaining({ code: 'TEMPLATE_TOO_LONG' })]);
    const figures = composerFigures('abandoned-cart', 'Koszyk: {basket_link}', {
      replaceSpecialCharacters: false,
      linkBase: BASE,
      autoStopLink: true,
    });
    expect(figures.preview).toMatch(new RegExp(`^Koszyk: ${BASE}/l/[0-9A-Za-z]{10}\\nRezygnacja: ${BASE}/l/[0-9A-Za-z]{10}$`));
    expect(renderSample('order-status', '{order_link}', { linkBase: BASE })).toHaveLength(`${BASE}/l/`.length + CODE_LENGTH);
  });

  it('refuses link placeholders a kind does not have', () => {
    expect(validateTemplate('order-status', 'Nie: {stop_link}')).toEqual([
      { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: '{stop_link}' },
    ]);
    expect(validateTemplate('celebration', '{product_link}')).toEqual([
      { code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', placeholder: '{product_link}' },
    ]);
  });
});

describe('attribution', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const link = (kind: ShortLink['kind'], lastClickAt: string | undefined, code: string, purpose: ShortLink['purpose'] = 'redirect') =>
    ({ code, kind, lastClickAt, purpose }) as ShortLink;

  it('goes to the last click on a marketing SMS within the window; no click, no attribution', () => {
    const links = [
      link('celebration', '2026-03-05T12:00:00Z', 'a'),
      link('abandoned-cart', '2026-03-08T12:00:00Z', 'b'),
      link('order-status', '2026-03-09T12:00:00Z', 'c'), // not marketing
      link('back-in-stock', undefined, 'd'), // never clicked
      link('celebration', '2026-03-09T13:00:00Z', 'e', 'stop'),
    ];
    expect(attributedClick(links, now, 7)?.code).toBe('b');
    expect(attributedClick(links, now, 1)).toBeUndefined();
    expect(attributedClick([link('celebration', '2026-03-02T11:59:00Z', 'old')], now, 7)).toBeUndefined();
    expect(attributedClick([], now, 7)).toBeUndefined();
  });

  it('counts amounts in grosze without floating-point dust', () => {
    expect(minorUnits('123.45')).toBe(12345);
    expect(minorUnits('0.1')).toBe(10);
    expect(minorUnits('1.005')).toBe(101);
    expect(minorUnits('abc')).toBeUndefined();
  });
});

describe('link previews', () => {
  it.each([
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'WhatsApp/2.23.20.0',
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'TelegramBot (like TwitterBot)',
    'Twitterbot/1.0',
    'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    undefined,
  ])('%s is not counted', (agent) => {
    expect(isPreviewFetcher(agent)).toBe(true);
  });

  it('a phone browser is counted', () => {
    expect(
      isPreviewFetcher(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe(false);
  });
});
