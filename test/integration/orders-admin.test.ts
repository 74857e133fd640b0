// The admin API of order notifications over real HTTP: settings that survive sessions and refuse bad input with
// the field named, the status overview (custom statuses included, refreshed from Shoper), date-celebration rules
// CRUD, and "Zaplanowane wysyłki": list, search, delete one or many (a deleted job never sends), stale status
// SMS cancelled with their reason shown.
import { JOB_ID } from '#domain/job-id';
import { jobIdFor } from '#domain/planning';
import type { Job } from '#domain/model';
import type { LocalRuntime } from '../../local/runtime';
import { eventually } from '../support/runtime';
import { advanceToWarsaw, startOrdersWorld, type OrdersWorld } from './orders-support';

const DAY = 24 * 3600 * 1000;
let world: OrdersWorld;
let rt: LocalRuntime;
const api = (...args: Parameters<OrdersWorld['api']>) => world.api(...args);

beforeAll(async () => {
  world = await startOrdersWorld();
  rt = world.rt;
  await advanceToWarsaw(rt, '12:00');
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

describe('settings', () => {
  test('defaults, a partial change, and the change is still there in a new session', async () => {
    const defaults = await api('GET', '/api/settings');
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({
      quietHours: { enabled: true, start: '08:00', end: '20:00', timeZone: 'Europe/Warsaw' },
      quietHoursFor: { 'owner-new-order': false, celebration: true },
      requireMarketingConsent: true,
      cancelStaleStatusMessages: true,
      allowedCountries: ['PL'],
      // "przesyłka wysłana" counts as shipped until the owner chooses.
      shippedStatusIds: ['7'],
    });
    const changed = await api('PUT', '/api/settings', {
      ownerPhone: '+48 500-100-200',
      quietHours: { start: '09:30', end: '21:00' },
      requireMarketingConsent: false,
      allowedCountries: ['pl', 'de'],
      shippedStatusIds: ['7', '13'],
    });
    expect(changed.status).toBe(200);
    const again = await api('GET', '/api/settings'); // every call signs in afresh
    expect(again.body).toMatchObject({
      ownerPhone: '+48500100200',
      quietHours: { enabled: true, start: '09:30', end: '21:00', timeZone: 'Europe/Warsaw' },
      requireMarketingConsent: false,
      allowedCountries: ['PL', 'DE'],
      shippedStatusIds: ['7', '13'],
      cancelStaleStatusMessages: true,
    });
    // Back to the defaults the other tests rely on.
    expect(
      (
        await api('PUT', '/api/settings', {
          quietHours: { start: '08:00', end: '20:00' },
          requireMarketingConsent: true,
          allowedCountries: ['PL'],
          shippedStatusIds: [],
          ownerPhone: null,
        })
      ).status,
    ).toBe(200);
    expect((await api('GET', '/api/settings')).body.ownerPhone).toBeUndefined();
  });

  const refused = [
    { body: { quietHours: { start: '25:00' } }, code: 'QUIET_HOURS_BAD_TIME', field: 'quietHours.start' },
    { body: { quietHours: { end: '8 rano' } }, code: 'FIELD_INVALID', field: 'quietHours.end' },
    { body: { quietHours: { start: '21:00', end: '08:00' } }, code: 'QUIET_HOURS_START_NOT_BEFORE_END', field: 'quietHours.end' },
    { body: { quietHours: { timeZone: 'Europe/Atlantyda' } }, code: 'QUIET_HOURS_BAD_TIME_ZONE', field: 'quietHours.timeZone' },
    { body: { ownerPhone: '123' }, code: 'PHONE_INVALID', field: 'ownerPhone' },
    { body: { shippedStatusIds: ['99'] }, code: 'SETTINGS_STATUS_UNKNOWN', field: 'shippedStatusIds' },
    { body: { allowedCountries: ['XX'] }, code: 'SETTINGS_COUNTRY_UNKNOWN', field: 'allowedCountries' },
    { body: { quietHourz: {} }, code: 'FIELD_INVALID', field: 'body' },
  ];
  test.each(refused)('refused with $code on $field, nothing saved', async ({ body, code, field }) => {
    const before = (await api('GET', '/api/settings')).body;
    const res = await api('PUT', '/api/settings', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, field });
    expect((await api('GET', '/api/settings')).body).toEqual(before);
  });
});

describe('status overview', () => {
  test('every status, custom included, with its template, the proposed text and whether it sends', async () => {
    expect((await api('PUT', '/api/templates/order-status/2', { enabled: true, delayDays: 1, text: 'Przyjęte {order_id}' })).status).toBe(
      200,
    );
    expect((await api('PUT', '/api/templates/order-status/9', { enabled: false, delayDays: 0, text: 'Odrzucone {order_id}' })).status).toBe(
      200,
    );
    const res = await api('GET', '/api/statuses');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((s: any) => [s.statusId, s]));
    expect(res.body.items).toHaveLength(13);
    expect(byId.get('1')).toMatchObject({ name: 'złożone', nameEn: 'submitted', type: 1, template: null, sends: false });
    expect((byId.get('1') as any).proposedText).toContain('Potwierdzamy zlozenie zamowienia numer {order_id}');
    expect(byId.get('2')).toMatchObject({ template: { enabled: true, delayDays: 1, text: 'Przyjęte {order_id}' }, sends: true });
    expect(byId.get('9')).toMatchObject({ sends: false, template: { enabled: false } });
    expect(byId.get('13')).toMatchObject({ name: 'Czeka na odbiór w punkcie', proposedText: null, sends: false });
  });

  test('a status the merchant adds in Shoper shows up once the stored list is over an hour old', async () => {
    rt.shop.shop('demo').statuses.push({
      statusId: 14,
      active: true,
      default: false,
      color: '#000000',
      type: 2,
      order: 14,
      names: { pl_PL: 'Przekazane do kuriera', en_US: 'Handed to courier' },
    });
    expect((await api('GET', '/api/statuses')).body.items.some((s: any) => s.statusId === '14')).toBe(false);
    await rt.advanceClock(61 * 60_000);
    const res = await api('GET', '/api/statuses');
    expect(res.body.items.find((s: any) => s.statusId === '14')).toMatchObject({ name: 'Przekazane do kuriera', sends: false });
    expect(res.body.refreshFailed).toBeUndefined();
  });
});

describe('templates refused with the field named', () => {
  test("the owner's alert cannot be switched on without the owner's phone, nor the phone removed while it is on", async () => {
    expect((await api('PUT', '/api/settings', { ownerPhone: null })).status).toBe(200);
    const on = await api('PUT', '/api/templates/owner-new-order', { enabled: true, delayDays: 0, text: 'Nowe {order_id}' });
    expect(on.status).toBe(400);
    expect(on.body.error).toMatchObject({ code: 'OWNER_PHONE_REQUIRED', field: 'ownerPhone' });
    expect(on.body.error.message).toContain('Numer telefonu właściciela');
    expect((await api('GET', '/api/templates')).body.items.some((t: any) => t.key === 'owner-new-order' && t.enabled)).toBe(false);

    expect((await api('PUT', '/api/settings', { ownerPhone: '500 100 200' })).status).toBe(200);
    expect((await api('PUT', '/api/templates/owner-new-order', { enabled: true, delayDays: 0, text: 'Nowe {order_id}' })).status).toBe(200);
    const removed = await api('PUT', '/api/settings', { ownerPhone: '' });
    expect(removed.status).toBe(400);
    expect(removed.body.error).toMatchObject({ code: 'OWNER_PHONE_REQUIRED', field: 'ownerPhone' });
    expect((await api('GET', '/api/settings')).body.ownerPhone).toBe('+48500100200');
    expect((await api('PUT', '/api/templates/owner-new-order', { enabled: false, delayDays: 0, text: 'Nowe {order_id}' })).status).toBe(
      200,
    );
    expect((await api('PUT', '/api/settings', { ownerPhone: null })).status).toBe(200);
  });

  test('a basket reminder after 0 days is refused: the reminder goes a day after the basket was left at the earliest', async () => {
    const res = await api('PUT', '/api/templates/abandoned-cart', { enabled: true, delayDays: 0, text: '{name}, koszyk czeka' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'CART_DELAY_TOO_SHORT', field: 'delayDays' });
    expect(res.body.error.message).toMatch(/^Po upływie czasu \(dni\): podaj liczbę od 1 do 365/);
    expect((await api('PUT', '/api/templates/abandoned-cart', { enabled: true, delayDays: 1, text: '{name}, koszyk czeka' })).status).toBe(
      200,
    );
  });
});

describe('date celebrations', () => {
  test("a new shop starts with the manual's three example rules, switched off, in GSM-7; a repeated install adds none", async () => {
    const seeded = (await api('GET', '/api/celebrations')).body.items;
    expect(seeded.map((c: any) => [c.eventName.pl, c.delayDays, c.active])).toEqual([
      ['Wysyłka zamówienia', 4, false],
      ['Złożenie pierwszego zamówienia', 4, false],
      ['Rejestracja konta', 3, false],
    ]);
    for (const rule of seeded) expect(rule.text).not.toMatch(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/);
    expect((await rt.shop.install('demo')).status).toBe(200);
    expect((await api('GET', '/api/celebrations')).body.total).toBe(3);
    // The tests below start from a shop without rules.
    for (const rule of seeded) expect((await api('DELETE', `/api/celebrations/${rule.id}`)).status).toBe(200);
  });

  test('add, list (paged), edit, switch off, delete; unknown ids are 404', async () => {
    const a = await api('POST', '/api/celebrations', { event: 'order-shipped', delayDays: 4, text: 'Jak oceniasz zamówienie {order_id}?' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ event: 'order-shipped', delayDays: 4, active: true, eventName: { pl: 'Wysyłka zamówienia' } });
    expect(a.body.id).toMatch(JOB_ID);
    const b = await api('POST', '/api/celebrations', { event: 'account-registered', delayDays: 3, text: 'Witaj {name}!', active: false });
    expect(b.body.active).toBe(false);

    const page1 = await api('GET', '/api/celebrations?limit=1');
    expect(page1.body.items.map((c: any) => c.id)).toEqual([a.body.id]);
    expect(page1.body.total).toBe(2);
    expect(page1.body.placeholders.map((p: any) => p.name)).toEqual([
      'name',
      'lastname',
      'shop_name',
      'order_id',
      'shop_link',
      'stop_link',
    ]);
    const page2 = await api('GET', `/api/celebrations?limit=1&cursor=${page1.body.cursor}`);
    expect(page2.body.items.map((c: any) => c.id)).toEqual([b.body.id]);
    expect(page2.body.cursor).toBeUndefined();

    const edited = await api('PUT', `/api/celebrations/${a.body.id}`, { delayDays: 7, event: 'first-order' });
    expect(edited.body).toMatchObject({
      id: a.body.id,
      event: 'first-order',
      delayDays: 7,
      text: 'Jak oceniasz zamówienie {order_id}?',
      active: true,
    });
    expect((await api('PUT', `/api/celebrations/${a.body.id}`, { active: false })).body.active).toBe(false);
    expect((await api('GET', '/api/celebrations')).body.items.map((c: any) => [c.event, c.delayDays, c.active])).toEqual([
      ['first-order', 7, false],
      ['account-registered', 3, false],
    ]);

    expect((await api('PUT', '/api/celebrations/nope', { active: false })).status).toBe(404);
    expect((await api('DELETE', `/api/celebrations/${b.body.id}`)).status).toBe(200);
    const gone = await api('DELETE', `/api/celebrations/${b.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('CELEBRATION_NOT_FOUND');
    expect((await api('DELETE', `/api/celebrations/${a.body.id}`)).status).toBe(200);
  });

  const refused = [
    {
      body: { event: 'order-placed', delayDays: 1, text: 'Twój kod: {rabat}' },
      code: 'TEMPLATE_UNKNOWN_PLACEHOLDER',
      field: 'text',
      mentions: '{rabat}',
    },
    {
      body: { event: 'order-placed', delayDays: 1, text: 'Kwota {sum}' },
      code: 'TEMPLATE_UNKNOWN_PLACEHOLDER',
      field: 'text',
      mentions: '{sum}',
    },
    { body: { event: 'order-placed', delayDays: 1, text: '  ' }, code: 'TEMPLATE_EMPTY', field: 'text', mentions: 'pusta' },
    {
      body: { event: 'birthday', delayDays: 1, text: 'x' },
      code: 'FIELD_INVALID',
      field: 'event',
      mentions: 'Zdarzenie: wybierz zdarzenie z listy',
    },
    {
      body: { event: 'order-placed', delayDays: -1, text: 'x' },
      code: 'FIELD_INVALID',
      field: 'delayDays',
      mentions: 'Opóźnienie (dni): podaj liczbę od 0 do 365',
    },
  ];
  test.each(refused)('refused: $code ($mentions)', async ({ body, code, field, mentions }) => {
    const res = await api('POST', '/api/celebrations', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, field });
    expect(res.body.error.message).toContain(mentions);
    expect((await api('GET', '/api/celebrations')).body.total).toBe(0);
  });

  test('an edit with an unknown placeholder is refused and the rule stays as it was', async () => {
    const rule = await api('POST', '/api/celebrations', { event: 'order-placed', delayDays: 1, text: 'Dzięki {name}', active: false });
    const res = await api('PUT', `/api/celebrations/${rule.body.id}`, { text: 'Dzięki {imie}' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('{imie}');
    expect((await api('GET', '/api/celebrations')).body.items[0].text).toBe('Dzięki {name}');
    await api('DELETE', `/api/celebrations/${rule.body.id}`);
  });
});

describe('scheduled sends', () => {
  beforeAll(async () => {
    expect(
      (await api('PUT', '/api/templates/order-status/6', { enabled: true, delayDays: 2, text: 'Gotowe do wysłania: {order_id}' })).status,
    ).toBe(200);
  });

  async function scheduledFor(phone: string) {
    const { orderId } = await rt.shop.placeOrder('demo', { phone });
    await rt.shop.changeStatus('demo', orderId, 6);
    await rt.idle();
    const job = (await rt.deps.store.listJobs(world.licence)).find((j) => j.source.orderId === String(orderId) && j.state === 'SCHEDULED');
    expect(job).toBeDefined();
    return { orderId, job: job! };
  }
  const outboxFor = (orderId: number) => rt.smsapi.outbox().filter((m) => m.message === `Gotowe do wysłania: ${orderId}`);

  test('listed with phone, text, due date and type; searchable; deleting one stops it for good', async () => {
    const kept = await scheduledFor('601 777 888');
    const deleted = await scheduledFor('601 777 999');

    const list = await api('GET', '/api/jobs');
    expect(list.status).toBe(200);
    const item = list.body.items.find((j: any) => j.jobId === deleted.job.jobId);
    expect(item).toMatchObject({
      phone: '+48601777999',
      text: `Gotowe do wysłania: ${deleted.orderId}`,
      dueAt: deleted.job.dueAt,
      kind: 'order-status',
      type: { pl: 'Zmiana statusu zamówienia', en: 'Order status change' },
      state: 'SCHEDULED',
    });
    const dues = list.body.items.map((j: any) => j.dueAt);
    expect(dues).toEqual([...dues].sort()); // soonest first

    const search = await api('GET', `/api/jobs?search=${encodeURIComponent('601 777 999')}`);
    expect(search.body.items.map((j: any) => j.jobId)).toEqual([deleted.job.jobId]);
    expect((await api('GET', `/api/jobs?search=${deleted.orderId}`)).body.items.map((j: any) => j.jobId)).toEqual([deleted.job.jobId]);

    const del = await api('DELETE', `/api/jobs/${deleted.job.jobId}`);
    expect(del.status).toBe(200);
    expect((await api('GET', '/api/jobs')).body.items.some((j: any) => j.jobId === deleted.job.jobId)).toBe(false);
    const cancelled = await api('GET', '/api/jobs?state=cancelled');
    expect(cancelled.body.items.find((j: any) => j.jobId === deleted.job.jobId)).toMatchObject({
      state: 'CANCELLED',
      cancelReason: 'Usunięte przez sprzedawcę',
    });
    expect((await rt.deps.scheduler.list()).some((s) => s.ref.jobId === deleted.job.jobId)).toBe(false);

    await rt.advanceClock(2 * DAY + 60_000);
    await eventually(() => outboxFor(kept.orderId).length === 1);
    await rt.idle();
    expect(outboxFor(deleted.orderId)).toHaveLength(0);
    expect((await rt.deps.store.getJob(world.licence, deleted.job.jobId))?.state).toBe('CANCELLED');
    // Sent: no longer deletable.
    const late = await api('DELETE', `/api/jobs/${kept.job.jobId}`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('JOB_NOT_CANCELLABLE');
  }, 40_000);

  test('"Usuń zaznaczone" deletes the selected; unknown ids and other shops\' jobs are not found', async () => {
    const a = await scheduledFor('602 100 001');
    const b = await scheduledFor('602 100 002');
    const foreign: Job = { ...a.job, shop: 'another-licence', jobId: jobIdFor('another-licence', 'x', 'k') };
    await rt.deps.store.createJob(foreign);

    const res = await api('POST', '/api/jobs/delete', { ids: [a.job.jobId, b.job.jobId, foreign.jobId, 'nope'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ cancelled: [a.job.jobId, b.job.jobId], notFound: [foreign.jobId, 'nope'], notCancellable: [] });
    expect((await api('DELETE', `/api/jobs/${foreign.jobId}`)).status).toBe(404);
    expect((await rt.deps.store.getJob('another-licence', foreign.jobId))?.state).toBe('SCHEDULED');
    expect((await api('POST', '/api/jobs/delete', { ids: [] })).status).toBe(400);

    await rt.advanceClock(2 * DAY + 60_000);
    await rt.idle();
    expect([...outboxFor(a.orderId), ...outboxFor(b.orderId)]).toHaveLength(0);
  }, 40_000);

  test('back-in-stock messages are left out of the scheduled list but kept in the history', async () => {
    const at = rt.deps.clock.now();
    const bis: Job = {
      shop: world.licence,
      jobId: jobIdFor(world.licence, 'bis-test', 'k'),
      kind: 'back-in-stock',
      phone: '+48601000222',
      text: 'Znów dostępny',
      dueAt: new Date(at.getTime() + DAY).toISOString(),
      state: 'SCHEDULED',
      attempts: 0,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      source: { event: 'product.edit', productId: '3' },
    };
    await rt.deps.store.createJob(bis);
    expect((await api('GET', '/api/jobs')).body.items.some((j: any) => j.jobId === bis.jobId)).toBe(false);
    const history = await api('GET', '/api/jobs?state=all');
    expect(history.body.items.find((j: any) => j.jobId === bis.jobId)).toMatchObject({ type: { pl: 'Dostępność produktu' } });
    await api('DELETE', `/api/jobs/${bis.jobId}`);
  });

  test('a newer status cancels the pending status SMS of the order, with the reason in the list', async () => {
    const { orderId, job } = await scheduledFor('603 200 300');
    await rt.shop.changeStatus('demo', orderId, 7);
    await rt.idle();
    const all = await api('GET', `/api/jobs?state=all&search=${orderId}`);
    expect(all.body.items.find((j: any) => j.jobId === job.jobId)).toMatchObject({
      state: 'CANCELLED',
      stateName: { pl: 'anulowana' },
      cancelReason: `Zamówienie ${orderId} zmieniło status na „przesyłka wysłana” przed wysyłką tej wiadomości`,
    });
    expect((await rt.deps.scheduler.list()).some((s) => s.ref.jobId === job.jobId)).toBe(false);
    await rt.advanceClock(2 * DAY + 60_000);
    await rt.idle();
    expect(outboxFor(orderId)).toHaveLength(0);
  }, 40_000);

  test('when the merchant keeps stale messages, the delayed SMS still goes after a status change', async () => {
    expect((await api('PUT', '/api/settings', { cancelStaleStatusMessages: false })).status).toBe(200);
    const { orderId, job } = await scheduledFor('603 200 400');
    await rt.shop.changeStatus('demo', orderId, 8);
    await rt.idle();
    expect((await rt.deps.store.getJob(world.licence, job.jobId))?.state).toBe('SCHEDULED');
    await rt.advanceClock(2 * DAY + 60_000);
    await eventually(() => outboxFor(orderId).length === 1);
    expect((await api('PUT', '/api/settings', { cancelStaleStatusMessages: true })).status).toBe(200);
  }, 40_000);
});
