// SMSAPI's numeric sms.do error codes and their messages (the wording follows SMSAPI's docs, in English as the API answers).

export const SMS_ERRORS = {
  8: 'Error in request (please report)',
  11: 'Message too long or there is no message or parameter nounicode is set and special characters are used',
  12: 'Message has more parts than defined in &max_parts parameter',
  13: 'No valid phone numbers (number is incorrect, landline or blacklisted)',
  14: 'Wrong sender name',
  20: 'Wrong number of idx values: one idx is needed for every recipient',
  50: 'Message scheduled more than 3 months in the future',
  52: 'Too many attempts of sending messages to one number (maximum 10 messages within 60 seconds)',
  53: 'Not unique idx parameter, message with the same idx has been already sent and check_idx=1',
  54: 'Wrong date format',
  57: 'The phone number is blacklisted for this user',
  101: 'Authorization failed',
  103: 'Insufficient credits on your account',
  200: 'Unsuccessful message submission',
  201: 'Internal system error (please report)',
  202: 'Too many simultaneous requests, the message will not be sent',
  203: 'Too many requests. Please try again later',
  999: 'Internal system error (please report)',
} as const satisfies Record<number, string>;

export type SmsErrorCode = keyof typeof SMS_ERRORS;

export interface InvalidNumber {
  number: string;
  submitted_number: string;
  message: string;
  error_code: number;
}

export interface SmsErrorBody {
  error: number;
  message: string;
  invalid_numbers?: InvalidNumber[];
}

export function smsError(code: number, invalidNumbers?: InvalidNumber[]): SmsErrorBody {
  const message = (SMS_ERRORS as Record<number, string>)[code] ?? `Error ${code}`;
  return invalidNumbers && invalidNumbers.length > 0
    ? { error: code, message, invalid_numbers: invalidNumbers }
    : { error: code, message };
}
