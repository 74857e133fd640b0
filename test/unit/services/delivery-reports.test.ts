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
    points: '0.16,0.32',
    from: 'SKLEP,SKLEP',
  });
  expect(reports).toEqual([
    {
      msgId: '1001',
      status: 404,
      idx: 'aaa',
      doneAt: new Date(1_700_000_000_000),
      to: '48500100200',
      username: 'demo',
      points: 0.16,
      from: 'SKLEP',
    },
    {
      msgId: '1002',
      status: 405,
      idx: 'bbb',
      doneAt: new Date(1_700_000_060_000),
      to: '48500100201',
      username: 'demo',
      points: 0.32,
      from: 'SKLEP',
    },
  ]);
});

test('missing idx or date stay undefined, empty ids are dropped, nothing at all gives no reports', () => {
  expect(parseReports({ MsgId: '1001,,', status: '404', idx: '' })).toEqual([
    {
      msgId: '1001',
      status: 404,
      idx: undefined,
      doneAt: undefined,
      to: undefined,
      username: undefined,
      points: undefined,
      from: undefined,
    },
  ]);
  expect(parseReports({})).toEqual([]);
});

test('more than five reports in one call are refused: SMSAPI sends at most five', () => {
  expect(() => parseReports({ MsgId: '1,2,3,4,5,6', status: '404,404,404,404,404,404' })).toThrow(
    expect.objectContaining({ status: 400, code: 'REPORTS_TOO_MANY' }),
  );
  expect(parseReports({ MsgId: '1,2,3,4,5', status: '404,404,404,404,404' })).toHaveLength(5);
});

test('weeks start on Monday', () => {
  expect(weekStart('2025-06-16')).toBe('2025-06-16'); // Monday
  expect(weekStart('2025-06-22')).toBe('2025-06-16'); // Sunday
  expect(weekStart('2025-07-02')).toBe('2025-06-30'); // Wednesday, across a month
});
