// Short links in the bench: what one redirect costs (DynamoDB requests and capacity of the links function), for a
// person's first and later clicks, a HEAD or a link preview, an unknown code, and an opt-out. Figures only.
import { difference, figuresOf, type Snapshot } from './meter';
import { addCelebration, settle, setUpShop, type Stack } from './harness';
import { formatNumber, heading, table, type Cell } from './table';

const BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const LINK = /(https?:\/\/\S+\/l\/[0-9A-Za-z]{10})/g;

interface Case {
  name: string;
  requests: number;
  usage: Snapshot;
}

async function measure(stack: Stack, name: string, requests: number, run: () => Promise<unknown>): Promise<Case> {
  const before = stack.meter.snapshot();
  for (let i = 0; i < requests; i++) await run();
  return { name, requests, usage: difference(before, stack.meter.snapshot()) };
}

export async function runLinkScenario(stack: Stack, clicks = 20): Promise<Case[]> {
  const { rt } = stack;
  const { api } = await setUpShop(rt, 'bench-links');
  await addCelebration(api, 'order-placed', 'Dziekujemy! Zajrzyj znow: {shop_link}', 0);
  await rt.shop.placeOrder('bench-links', { userId: 1 });
  await settle(stack);
  const sms = rt.smsapi.outbox().find((m) => m.message.startsWith('Dziekujemy! Zajrzyj znow:'));
  if (!sms) throw new Error('BENCH_LINKS: no SMS with links was sent');
  const [shopLink, stopLink] = [...sms.message.matchAll(LINK)].map((m) => m[1]!);
  const open = (url: string, init: RequestInit = {}) =>
    fetch(url, {
      redirect: 'manual',
      ...init,
      headers: { 'user-agent': BROWSER, ...(init.headers as Record<string, string> | undefined) },
    }).then((r) => r.arrayBuffer());
  return [
    await measure(stack, 'first click (GET)', 1, () => open(shopLink!)),
    await measure(stack, 'later clicks (GET)', clicks, () => open(shopLink!)),
    await measure(stack, 'HEAD', clicks, () => open(shopLink!, { method: 'HEAD' })),
    await measure(stack, 'link preview (facebookexternalhit)', clicks, () =>
      open(shopLink!, { headers: { 'user-agent': 'facebookexternalhit/1.1' } }),
    ),
    await measure(stack, 'unknown code', clicks, () => open(shopLink!.replace(/\/l\/.*/, '/l/ZZZZZZZZZZ'))),
    await measure(stack, 'opt-out page (GET)', 1, () => open(stopLink!)),
    await measure(stack, 'opt-out confirmed (POST)', 1, () => open(stopLink!, { method: 'POST' })),
  ];
}

export function linkTable(cases: Case[]): string {
  const rows: Cell[][] = cases.map((c) => {
    const f = figuresOf(c.usage, 'links');
    const commands = Object.entries(f.commands)
      .map(([command, n]) => `${command.replace(/Command$/, '')} ${formatNumber(n / c.requests)}`)
      .join(', ');
    return [
      c.name,
      formatNumber(f.ddbRequests / c.requests),
      formatNumber(f.rru / c.requests, 2),
      formatNumber(f.wru / c.requests, 2),
      commands || '—',
    ];
  });
  return `${heading('Short links: DynamoDB requests per request to /l/{code} (links function)')}\n${table(
    ['request', 'DynamoDB requests', 'RRU', 'WRU', 'commands'],
    rows,
  )}\nA counted click is one UpdateItem that reads the link and records the click in the same request; only a link's first click adds the day's "clicked" counter.`;
}
