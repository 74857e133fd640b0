// Reading SMSAPI's delivery-report callback: up to five reports per call, each field a comma-separated list.
import { parseReports } from '#services/delivery-reports';
import { weekStart } from '#services/stats';

test('one report per position, with the unix done date read as a date', () => {
  const reports = parseReports({
    MsgId: '1001,1002',
    status: '404,405',
    idx: 'aaa,bbb',
    donedate: '1700000000,1700000060',
    to: '48500100200,48500100201',
    username: 'demo,demo',
  });
  expect(reports).toEqual([
    { msgId: '1001', status: 404, idx: 'aaa', doneAt: new Date(1_700_000_000_000), to: '48500100200' },
    { msgId: '1002', status: 405, idx: 'bbb', doneAt: new Date(1_700_000_060_000), to: '48500100201' },
  ]);
});

test('missing idx or date stay undefined, empty ids are dropped, nothing at all gives no reports', () => {
  expect(parseReports({ MsgId: '1001,,', status: '404', idx: '' })).toEqual([
    { msgId: '1001', status: 404, idx: undefined, doneAt: undefined, to: undefined },
  ]);
  expect(parseReports({})).toEqual([]);
});

test('weeks start on Monday', () => {
  expect(weekStart('2025-06-16')).toBe('2025-06-16'); // Monday
  expect(weekStart('2025-06-22')).toBe('2025-06-16'); // Sunday
  expect(weekStart('2025-07-02')).toBe('2025-06-30'); // Wednesday, across a month
});
