// SMSAPI's numeric sms.do error codes and their messages (SMSAPI's public error list, in English as the API answers;
// 72 is from an older list). Fault injection can make sms.do answer any of them.

export const SMS_ERRORS = {
  7: 'Short links disabled on account',
  8: 'Error in request (please report)',
  11: 'Message too long or there is no message or parameter nounicode is set and special characters are used',
  12: 'Message has more parts than defined in &max_parts parameter',
  13: 'No valid phone numbers (number is incorrect, landline or blacklisted)',
  14: 'Wrong sender name',
  17: 'FLASH message cannot contain special characters',
  18: 'Invalid number of parameters',
  19: 'Too many messages in one request',
  20: 'Invalid number of IDX parameters',
  25: "Parameters &normalize and &datacoding mustn't appear in the same request",
  27: 'Too long IDX parameter. Maximum 255 chars',
  28: 'Invalid time_restriction parameter value',
  30: 'Wrong UDH parameter when &datacoding=bin',
  40: 'No group with given name in contacts database',
  41: 'Chosen group is empty',
  50: 'Messages may be scheduled up to 3 months in the future',
  52: 'Too many attempts of sending messages to one number (maximum 10 messages within 60 seconds)',
  53: 'Not unique idx parameter, message with the same idx has been already sent and check_idx=1',
  54: 'Wrong date format',
  56: "The difference between date sent and expiration date can't be less than 1 and more than 72 hours",
  57: 'The phone number is blacklisted for this user',
  59: 'Number is added to OptOut list',
  70: 'Invalid URL in notify_url parameter',
  72: 'Parameter notify_url may be used only in requests with one recipient number, it cannot be used for mass message sending',
  74: "Sending date doesn't match date sent restrictions set for the account",
  76: 'Invalid characters in request parameters',
  93: 'Message parameters and group parameter cannot be used simultaneously',
  94: 'Not allowed to send messages with link',
  98: 'Your account is restricted. You can send only to number used in account registration process',
  101: 'Authorization failed',
  102: 'Invalid username or password',
  103: 'Insufficient credits on your account',
  104: 'No such template',
  105: 'Wrong IP address (for IP filter turned on)',
  106: 'Invalid cut.li link',
  110: 'Action not allowed for your account',
  112: 'Sending messages to phone numbers from this country is restricted on your account',
  200: 'Unsuccessful message submission',
  201: 'Internal system error (please report)',
  202: 'Too many simultaneous requests, the message will not be sent',
  203: 'Too many requests. Please try again later',
  301: "ID of messages doesn't exist",
  400: 'Invalid message ID of a status response',
  401: "Token don't have permissions for this action",
  409: 'Value already exists',
  997: 'HTTP requests have been disabled for your account, please use secure connection (HTTPS)',
  998: 'Short url service is unavailable',
  999: 'Internal system error (please report)',
  1000: 'Action available only for the main user',
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
  return invalidNumbers && invalidNumbers.length > 0 ? { error: code, message, invalid_numbers: invalidNumbers } : { error: code, message };
}
