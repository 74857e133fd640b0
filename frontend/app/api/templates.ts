// Message templates: the saved ones by key (`owner-new-order`, `order-status#<id>`, …) and saving one.
import { TemplateBody } from '#domain/api';
import type { TemplateKind } from '#domain/notification-kinds';
import { apiCall, checkRequest } from './client';
import { SavedTemplate, TemplateList, type TemplateItem } from './schemas';

export async function loadTemplates(): Promise<Record<string, TemplateItem>> {
  const list = await apiCall('GET', '/api/templates', { response: TemplateList });
  return Object.fromEntries(list.items.map((item) => [item.key, item]));
}

export type TemplatePath = TemplateKind | `order-status/${string}`;

export async function saveTemplate(path: TemplatePath, body: TemplateBody) {
  const request = checkRequest(TemplateBody, body);
  return apiCall('PUT', `/api/templates/${path}`, { body: request, response: SavedTemplate });
}
