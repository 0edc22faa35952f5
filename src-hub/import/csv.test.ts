import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from './csv';

describe('reading head office CSV files', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes and every line ending, counting lines', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",\n\n"two\r\nlines",2,3\r4,,"5"';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', ''] },
      { line: 4, cells: ['two\r\nlines', '2', '3'] },
      { line: 6, cells: ['4', '', '5'] },
    ]);
  });

  it('leaves out blank records and keeps a last line without a line end', () => {
    expect(parseCsv(',,\n1,2\n , \n3')).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['3'] },
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('decodes UTF-8 with or without a BOM, and GB18030 when the bytes are not UTF-8', () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('姓名')]))).toBe('姓名');
    expect(decodeCsv(new TextEncoder().encode('姓名'))).toBe('姓名');
    expect(decodeCsv(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('姓名');
  });
});
