// Message templates: the saved ones by key (`owner-new-order`, `order-status#<id>`, …) and saving one.
import { TemplateBody } from '#contracts/session';
import type { TemplateKind } from '#domain/notification-kinds';
import { apiCall, checkRequest } from './client';
import { type TemplateItem } from './schemas';
import { ADMIN } from '#contracts/admin';

export async function loadTemplates(): Promise<Record<string, TemplateItem>> {
  const list = await apiCall(ADMIN.templates);
  return Object.fromEntries(list.items.map((item) => [item.key, item]));
}

export type TemplatePath = TemplateKind | `order-status/${string}`;

export async function saveTemplate(path: TemplatePath, body: TemplateBody) {
  const request = checkRequest(TemplateBody, body);
  return path.startsWith('order-status/')
    ? apiCall(ADMIN.saveStatusTemplate, { params: { statusId: path.slice('order-status/'.length) }, body: request })
    : apiCall(ADMIN.saveTemplate, { params: { kind: path as TemplateKind }, body: request });
}
