// The AWS composition of the short-link function alone: the store, the jobs (an opt-out cancels waiting marketing
// SMS), the short-link and sign-up repositories (one
// document client) and a logger. TABLE_NAME is read directly (not through config.ts and zod) to keep the redirect's
// bundle and cold start small; the stack always sets it.
import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient } from '#adapters/dynamodb/client';
import { createStore } from '#adapters/dynamodb/store';
import { createJobsRepository } from '#adapters/dynamodb/jobs';
import { createShortLinkRepository } from '#adapters/dynamodb/short-links';
import { createSignUpRepository } from '#adapters/dynamodb/subscriptions';
import type { Deps } from '#services/deps';

type LinkDeps = Pick<Deps, 'store' | 'jobs' | 'shortLinks' | 'signUps' | 'clock' | 'logger'>;

let deps: Promise<LinkDeps> | undefined;

export const linkDeps = (): Promise<LinkDeps> => {
  deps ??= Promise.resolve().then(() => {
    const powertools = new Logger({ serviceName: 'sms-notifications' });
    const doc = createDocumentClient();
    const table = process.env.TABLE_NAME ?? 'sms-notifications';
    return {
      store: createStore(doc, table),
      jobs: createJobsRepository(doc, table),
      shortLinks: createShortLinkRepository(doc, table),
      signUps: createSignUpRepository(doc, table),
      clock: { now: () => new Date() },
      logger: {
        debug: (m: string, extra?: Record<string, unknown>) => powertools.debug(m, extra ?? {}),
        info: (m: string, extra?: Record<string, unknown>) => powertools.info(m, extra ?? {}),
        warn: (m: string, extra?: Record<string, unknown>) => powertools.warn(m, extra ?? {}),
        error: (m: string, extra?: Record<string, unknown>) => powertools.error(m, extra ?? {}),
      },
    };
  });
  return deps;
};
