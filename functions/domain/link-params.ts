// One SMSAPI request for SMS whose texts differ only in their short links: each link becomes a marker [%1%]…[%4%] in
// the shared text and its value goes per recipient in param1…param4, which SMSAPI substitutes recipient by recipient
// (SMSAPI's sms.do parameters; its official clients send them: smsapi-php-client SendSmssBag::setParams,
// smsapi-python-client sms/api.py, smsapi-javascript-client SmsDetails.param1…4). Pure: the sender groups with it.

/** SMSAPI has four per-recipient parameters. */
export const MAX_PARAMS = 4;

/** A marker SMSAPI would substitute: text that already holds one cannot go with parameters. */
const ANY_MARKER = /\[%[1-9]%\]/;
const MARKERS = /\[%([1-4])%\]/g;

export interface ParameterizedText {
  /** The text with each distinct short link replaced by its marker, in order of first appearance. */
  template: string;
  /** The links, [%1%] first: what this recipient's param1…param4 carry. */
  values: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where our short links live (`${base}/l/<code>`), as a pattern matching one whole link. */
export function shortLinkPattern(linkBase: string): RegExp {
  const prefix = `${linkBase.replace(/\/+$/, '')}/l/`;
  return new RegExp(`${escapeRegExp(prefix)}[0-9A-Za-z]{8,16}(?![0-9A-Za-z])`, 'g');
}

/** Puts the parameter values back: what SMSAPI makes of the template for one recipient. */
export const fillParams = (template: string, values: readonly string[]): string =>
  template.replace(MARKERS, (marker, n: string) => values[Number(n) - 1] ?? marker);

/**
 * The text as a template shared by every SMS that differs only in its links, or undefined when it cannot be one:
 * no short link in it, more distinct links than SMSAPI has parameters, or a marker already in the text (a customer's
 * name may hold "[%1%]": SMSAPI would replace it). The same link twice uses one parameter.
 */
export function parameterizeLinks(text: string, linkBase: string): ParameterizedText | undefined {
  if (ANY_MARKER.test(text)) return undefined;
  const values: string[] = [];
  const template = text.replace(shortLinkPattern(linkBase), (url) => {
    let index = values.indexOf(url);
    if (index < 0) index = values.push(url) - 1;
    return `[%${index + 1}%]`;
  });
  if (values.length === 0 || values.length > MAX_PARAMS) return undefined;
  // By construction the template gives the text back; checked anyway, since a wrong SMS cannot be called back.
  return fillParams(template, values) === text ? { template, values } : undefined;
}
