import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime, parseDecimal, parseDirection, parseMonth, parseYuan } from './values';

describe('reading head office cells', () => {
  it.each([
    ['1234.56', 123456],
    ['0.29', 29], // 0.29 * 100 is 28.999… as a float: read digit by digit
    ['1,234,567.89', 123456789],
    ['¥500000', 50000000],
    ['500000.1', 50000010],
    ['-20.00', -2000],
    ['12.', 1200],
    ['1.234', null],
    ['1e6', null],
    ['abc', null],
    ['', null],
    ['100000000000000', null], // ¥100 trillion: beyond any balance
  ])('yuan %s → %s fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each([
    ['1.75', '1.75'],
    ['1.75%', '1.75'],
    ['.5', '0.5'],
    ['007.10', '7.10'],
    ['-0.9', '-0.9'],
    ['1,75', null],
    ['', null],
  ])('decimal %s → %s', (text, value) => expect(parseDecimal(text)).toBe(value));

  it.each([
    ['2026-10-05', '2026-10-05'],
    ['2026/10/5', '2026-10-05'],
    ['2026-02-29', null],
    ['2028-02-29', '2028-02-29'],
    ['05/10/2026', null],
  ])('date %s → %s', (text, value) => expect(parseDate(text)).toBe(value));

  it.each([
    ['2026-10', '2026-10'],
    ['202610', '2026-10'],
    ['2026/3', '2026-03'],
    ['20263', null],
    ['2026-13', null],
  ])('month %s → %s', (text, value) => expect(parseMonth(text)).toBe(value));

  it('reads a transaction time as branch time (UTC+08:00) unless it names its zone', () => {
    expect(parseDateTime('2026-10-05 14:30')).toBe('2026-10-05T06:30:00.000Z');
    expect(parseDateTime('2026-10-05T14:30:15Z')).toBe('2026-10-05T14:30:15.000Z');
    expect(parseDateTime('2026-10-05 01:00:00+0800')).toBe('2026-10-04T17:00:00.000Z');
    expect(parseDateTime('2026-10-05')).toBe('2026-10-05');
    expect(parseDateTime('2026-10-05 24:00')).toBeNull();
  });

  it.each([
    ['转出', 'out'],
    ['付', 'out'],
    ['Debit', 'out'],
    ['转入', 'in'],
    ['收', 'in'],
    ['credit', 'in'],
    ['sideways', null],
  ])('direction %s → %s', (text, value) => expect(parseDirection(text)).toBe(value));
});
