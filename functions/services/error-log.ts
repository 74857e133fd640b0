// The error log ("Komunikaty błędów"): every failure with its code, phone number, Polish message, place and
// date, newest first; and the account problem (invalid token, no points, ...) that must be shown prominently.
import { assertKeyCursor } from '#domain/cursor';
import { ACCOUNT_BLOCKING_CODES, smsapiErrorMessage } from '#domain/smsapi-codes';
import type { AccountProblem } from '#contracts/smsapi';
import type { ErrorLogEntry } from '#domain/model';
import type { Deps } from './deps';

const DAY_MS = 24 * 3600 * 1000;

export async function recordError(deps: Deps, shop: string, entry: ErrorLogEntry): Promise<void> {
  await deps.store.addError(shop, entry);
}

/**
 * The account problem to show: the latest account check's, or else an account-blocking error (101, 102, 103,
 * 105, 110) logged in the last 24 hours and after the latest check that found the account fine.
 */
export async function currentAccountProblem(deps: Deps, shop: string): Promise<AccountProblem | undefined> {
  const accounts = deps.smsapiAccount;
  const check = await accounts.latestCheck(shop);
  if (check?.problem) return { ...check.problem, at: check.problem.at ?? check.checkedAt };
  const dayAgo = new Date(deps.clock.now().getTime() - DAY_MS).toISOString();
  const since = check && check.checkedAt > dayAgo ? check.checkedAt : dayAgo;
  const entry = await accounts.newestErrorWithCode(shop, since, ACCOUNT_BLOCKING_CODES);
  if (!entry) return undefined;
  const code = Number(entry.code);
  return { code, message: smsapiErrorMessage(code), at: entry.at };
}

export async function listErrorLog(deps: Deps, shop: string, query: { limit: number; cursor?: string }) {
  // The cursor is the last entry's sort key: a forged one must not start the query outside the error log.
  assertKeyCursor(query.cursor, 'ERR#');
  const [page, accountProblem] = await Promise.all([
    deps.store.listErrors(shop, { limit: query.limit, cursor: query.cursor }),
    currentAccountProblem(deps, shop),
  ]);
  return {
    items: page.items,
    ...(page.cursor ? { cursor: page.cursor } : {}),
    ...(accountProblem ? { accountProblem } : {}),
  };
}
