// SMS that differ only in their short links share one SMSAPI request: the links become [%1%]…[%4%] and go per
// recipient in param1…param4; anything else keeps its own text.
import { fillParams, parameterizeLinks } from '#domain/link-params';
import type { Job } from '#domain/model';
import { groupByText } from '#services/send-batch';

const BASE = 'https://sms.example.pl';
const link = (code: string) => `${BASE}/l/${code}`;
const restock = (product: string, stop: string) => `Sukienka znów jest! ${link(product)} Rezygnacja: ${link(stop)}`;

describe('parameterizeLinks', () => {
  test('two recipients with their own links share one template; each gets its own text back', () => {
    const a = parameterizeLinks(restock('Ab3dE6gH9k', 'St0pAAAAAA'), BASE)!;
    const b = parameterizeLinks(restock('Zz9yX8wV7u', 'St0pBBBBBB'), BASE)!;
    expect(a.template).toBe('Sukienka znów jest! [%1%] Rezygnacja: [%2%]');
    expect(b.template).toBe(a.template);
    expect(b.values).toEqual([link('Zz9yX8wV7u'), link('St0pBBBBBB')]);
    expect(fillParams(b.template, b.values)).toBe(restock('Zz9yX8wV7u', 'St0pBBBBBB'));
  });

  test('the same link twice is one parameter', () => {
    expect(parameterizeLinks(`${link('Ab3dE6gH9k')} i jeszcze raz ${link('Ab3dE6gH9k')}`, BASE)).toEqual({
      template: '[%1%] i jeszcze raz [%1%]',
      values: [link('Ab3dE6gH9k')],
    });
  });

  test('no links, five links, a foreign link or a marker already in the text: no template (the SMS keeps its text)', () => {
    expect(parameterizeLinks('Zamówienie 12 wysłane.', BASE)).toBeUndefined();
    expect(parameterizeLinks(['A', 'B', 'C', 'D', 'E'].map((c) => link(`${c}b3dE6gH9k`)).join(' '), BASE)).toBeUndefined();
    expect(parameterizeLinks('Zobacz https://inny.example.pl/l/Ab3dE6gH9k', BASE)).toBeUndefined();
    // A customer's name may carry a marker: SMSAPI would replace it, so that SMS never goes with parameters.
    expect(parameterizeLinks(`Anna [%1%] Kowalska, ${link('Ab3dE6gH9k')}`, BASE)).toBeUndefined();
  });

  test('a longer code is not cut: the link is matched whole', () => {
    expect(parameterizeLinks(`${link('Ab3dE6gH9kXYZ')}!`, BASE)).toEqual({ template: '[%1%]!', values: [link('Ab3dE6gH9kXYZ')] });
  });
});

describe('groupByText (the sender)', () => {
  const member = (jobId: string, message: string, attempts = 1) => ({
    job: { jobId, attempts } as Job,
    attempt: attempts,
    message,
  });

  test('100 restock SMS with their own links and opt-out lines are one group with one parameter list each', () => {
    const members = Array.from({ length: 100 }, (_, i) =>
      member(`j${i}`, restock(`P${String(i).padStart(9, '0')}`, `S${String(i).padStart(9, '0')}`)),
    );
    const groups = [...groupByText(members, BASE).values()];
    expect(groups).toHaveLength(1);
    expect(groups[0]!.map((m) => m.linked!.values[0])).toEqual(members.map((_, i) => link(`P${String(i).padStart(9, '0')}`)));
  });

  test('different wording, texts without links and retries go apart', () => {
    const groups = [
      ...groupByText(
        [
          member('a', restock('Ab3dE6gH9k', 'St0pAAAAAA')),
          member('b', restock('Zz9yX8wV7u', 'St0pBBBBBB')),
          member('c', `Inna treść ${link('Ab3dE6gH9k')}`),
          member('d', restock('Qq1wE2rT3y', 'St0pCCCCCC'), 2),
          member('e', 'Bez linków'),
          member('f', 'Bez linków'),
        ],
        BASE,
      ).values(),
    ].map((g) => g.map((m) => m.job.jobId));
    expect(groups).toEqual([['a', 'b'], ['c'], ['d'], ['e', 'f']]);
  });
});
