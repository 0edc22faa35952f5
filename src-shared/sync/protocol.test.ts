import { describe, expect, it } from 'vitest';
import { changeProblem, changeShapeProblem, type Change } from './protocol';
import { decodeMonths, encodeMonths } from './tables';

const good: Change = {
  seq: 1,
  table: 'contacts',
  rowId: '01a199c5-3280-71be-a97c-5f6b3ed0c1d4',
  op: 'upsert',
  hlc: '0001793581200000-0001-01a199c5-3280-71be-a97c-5f6b3ed0c1d4',
  branchId: '0931',
  values: { client_id: '01a199c5-0000-7000-8000-000000000001', content: '电话回访', created_at: '2026-11-02T01:00:00.000Z' },
};

describe('a change on the wire', () => {
  it.each([
    ['a well-formed change', good, null],
    ['not an object', 'x', 'sync.bad_change'],
    ['a sequence of 0', { ...good, seq: 0 }, 'sync.bad_seq'],
    ['an unknown table', { ...good, table: 'audit_log' }, 'sync.unknown_table'],
    ['a row id with spaces', { ...good, rowId: 'a b' }, 'sync.bad_id'],
    ['an unknown operation', { ...good, op: 'truncate' }, 'sync.bad_op'],
    ['a wall-clock time for a stamp', { ...good, hlc: '2026-11-02T01:00:00Z' }, 'sync.bad_hlc'],
    ['an object as a value', { ...good, values: { content: { nested: true } } }, 'sync.bad_values'],
    ['an endless text', { ...good, values: { content: 'x'.repeat(20_001) } }, 'sync.bad_values'],
    ['a bad field stamp', { ...good, fieldHlcs: { content: 'yesterday' } }, 'sync.bad_hlc'],
  ])('%s', (_label, change, problem) => {
    expect(changeShapeProblem(change)).toBe(problem);
  });

  it('may carry only the columns its table syncs, in the direction it travels', () => {
    expect(changeProblem(good, 'push')).toBeNull();
    expect(changeProblem({ ...good, values: { password_hash: 'x' } }, 'push')).toBe('sync.unknown_column');
    expect(changeProblem({ ...good, table: 'holdings' }, 'push')).toBe('sync.not_pushable');
    const staff: Change = { ...good, table: 'staff', values: { login: 'li.na', password_hash: 'ab', password_salt: 'cd' } };
    expect(changeProblem(staff, 'pull')).toBeNull();
    expect(changeProblem(staff, 'push')).toBe('sync.not_pushable');
    expect(changeProblem({ ...good, table: 'client_monthly_assets', values: { client_id: 'c' } }, 'pull')).toBe('sync.missing_column');
  });
});

describe('a monthly series', () => {
  it('round-trips, and anything but [YYYY-MM, integer fen] pairs is refused', () => {
    const months = [
      { month: '2026-01', avgDailyFen: 50_000_000 },
      { month: '2026-02', avgDailyFen: 0 },
    ];
    expect(decodeMonths(encodeMonths(months))).toEqual(months);
    for (const bad of ['not json', '{}', '[["2026-13", 1]]', '[["2026-01", 1.5]]', '[["2026-01"]]', '[[202601, 1]]']) {
      expect(decodeMonths(bad)).toBeNull();
    }
  });
});
