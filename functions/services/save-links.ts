// Storing an SMS's short links before the SMS exists (a link in a message always answers).
import type { ShortLink } from '#domain/short-links';
import type { Deps } from './deps';

export async function saveLinks(deps: Pick<Deps, 'shortLinks'>, links: readonly ShortLink[] | undefined): Promise<void> {
  if (!links || links.length === 0) return;
  await deps.shortLinks.save(links);
}
