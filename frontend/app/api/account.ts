// The SMSAPI connection as every tab needs it: the "replace special characters" setting drives the counters,
// and an account problem (101 token, 103 points…) is shown at the top of every tab.
import { signal } from '@preact/signals-core';
import { SmsapiStateResponse, type AccountProblem } from '#contracts/smsapi';
import { L } from '../i18n';
import { apiCall } from './client';
import { ADMIN } from '#contracts/admin';

export const smsapiState = signal<SmsapiStateResponse | undefined>(undefined);
/** A blocking problem the error log reported (it may know of one the state call did not). */
export const loggedAccountProblem = signal<AccountProblem | undefined>(undefined);

export async function refreshSmsapiState(): Promise<SmsapiStateResponse> {
  const state = await apiCall(ADMIN.smsapi);
  smsapiState.value = state;
  return state;
}

export const replaceSpecialCharactersSetting = (): boolean => smsapiState.value?.replaceSpecialCharacters ?? false;

/** SMSAPI's `payment_type`, in the merchant's words: shown instead of a balance when the account has none. */
export function accountTypeLabel(type: string | null): string | undefined {
  switch (type) {
    case 'postpaid':
      return L('Konto abonamentowe (postpaid)', 'Postpaid account');
    case 'subscription':
      return L('Konto abonamentowe (subskrypcja)', 'Subscription account');
    case 'prepaid':
      return L('Konto prepaid (punkty)', 'Prepaid account (points)');
    case 'trial':
      return L('Konto testowe (trial)', 'Trial account');
    case null:
    case '':
      return undefined;
    default:
      return type;
  }
}
