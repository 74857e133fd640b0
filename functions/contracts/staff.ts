// Request and response schemas of the staff alerts (GET/PUT /api/staff-alerts): one source for the handler's
// validation, the SPA's typed calls and the OpenAPI document. Messages are Polish and name the field by its label.
import * as z from 'zod/mini';
import { STAFF_PHONES_MAX } from '#domain/staff-alerts';

const text = z.string().check(z.maxLength(2000, { error: 'Treść wiadomości może mieć najwyżej 2000 znaków' }));
const rule = {
  enabled: z.boolean({ error: '„Wyślij” musi być Tak albo Nie' }),
  text,
  quietHours: z.boolean({ error: '„Tylko w godzinach wysyłki” musi być zaznaczone albo nie' }),
};

/** PUT /api/staff-alerts: the whole section, as the panel saves it. */
export const StaffAlertsBody = z.strictObject({
  phones: z
    .array(z.string().check(z.maxLength(40, { error: 'Numer telefonu zespołu jest za długi' })))
    .check(z.maxLength(STAFF_PHONES_MAX, { error: `Numery telefonów zespołu: najwyżej ${STAFF_PHONES_MAX} numerów` })),
  newOrder: z.strictObject({
    ...rule,
    minAmount: z
      .number({ error: '„Kwota zamówienia od” musi być liczbą, np. 500' })
      .check(
        z.gte(0, { error: '„Kwota zamówienia od” nie może być ujemna — wpisz 0 lub więcej' }),
        z.lte(100_000_000, { error: '„Kwota zamówienia od” jest za duża' }),
      ),
  }),
  orderCancelled: z.strictObject(rule),
  outOfStock: z.strictObject(rule),
});
export type StaffAlertsBody = z.infer<typeof StaffAlertsBody>;

const ruleView = { enabled: z.boolean(), text: z.string(), quietHours: z.boolean() };
export const StaffAlertsResponse = z.looseObject({
  phones: z.array(z.string()),
  newOrder: z.looseObject({ ...ruleView, minAmount: z.number() }),
  orderCancelled: z.looseObject(ruleView),
  outOfStock: z.looseObject(ruleView),
  updatedAt: z.optional(z.string()),
});
export type StaffAlertsResponse = z.infer<typeof StaffAlertsResponse>;
