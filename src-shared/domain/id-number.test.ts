import { describe, expect, it } from 'vitest';
import {
  ID_DOCUMENT_TYPES,
  mainlandIdCheckChar,
  makeMainlandId,
  validateIdDocument,
  validateMainlandId,
  type IdDocumentType,
} from './id-number';

const TODAY = '2026-04-15';

describe('mainland resident ID numbers (GB 11643-1999)', () => {
  it('accepts the standard’s own worked examples', () => {
    expect(validateMainlandId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
    expect(validateMainlandId('440524188001010014', TODAY)).toMatchObject({ ok: true, birthDate: '1880-01-01', gender: 'male' });
  });

  it('reads back what makeMainlandId builds, gender from the sequence', () => {
    const man = makeMainlandId('310115', '1990-03-07', '123');
    const woman = makeMainlandId('440304', '1958-11-30', '064');
    expect(man).toBe('310115199003071239');
    expect(validateMainlandId(man, TODAY)).toEqual({ ok: true, id: man, birthDate: '1990-03-07', gender: 'male', regionCode: '310115' });
    expect(validateMainlandId(woman, TODAY)).toMatchObject({ ok: true, birthDate: '1958-11-30', gender: 'female', regionCode: '440304' });
  });

  it('accepts a lower-case x and returns it upper-case', () => {
    expect(validateMainlandId(' 11010519491231002x ', TODAY)).toMatchObject({ ok: true, id: '11010519491231002X' });
  });

  const withCheck = (first17: string) => first17 + mainlandIdCheckChar(first17);
  const failures: { story: string; id: string; reason: string }[] = [
    { story: 'the 15-digit first-generation card', id: '110105491231002', reason: 'length' },
    { story: 'one digit too many', id: '11010519491231002X1', reason: 'length' },
    { story: 'a letter among the digits', id: '1101051949123100AX', reason: 'format' },
    { story: 'X anywhere but last', id: '11010519491231X021', reason: 'format' },
    { story: 'a mistyped digit', id: '11010519491231003X', reason: 'checksum' },
    { story: 'a wrong check character', id: '110105194912310021', reason: 'checksum' },
    { story: 'province 99 does not exist', id: withCheck('99010519491231002'), reason: 'region' },
    { story: 'province 83 (Taiwan residence permit) is another document', id: withCheck('83000019900101002'), reason: 'region' },
    { story: 'month 13', id: withCheck('11010519491331002'), reason: 'birth_date' },
    { story: '31 April', id: withCheck('11010519490431002'), reason: 'birth_date' },
    { story: '29 Feb 1900 (not a leap year)', id: withCheck('11010519000229002'), reason: 'birth_date' },
    { story: '29 Feb 2023', id: withCheck('11010520230229002'), reason: 'birth_date' },
    { story: 'born tomorrow', id: withCheck('11010520260416002'), reason: 'birth_date' },
  ];

  it.each(failures)('refuses $story: $reason', ({ id, reason }) => {
    expect(validateMainlandId(id, TODAY)).toEqual({ ok: false, reason });
  });

  it('accepts 29 Feb 2000 (divisible by 400) and a birth today', () => {
    expect(validateMainlandId(makeMainlandId('110105', '2000-02-29', '001'), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(validateMainlandId(makeMainlandId('110105', TODAY, '001'), TODAY)).toMatchObject({ ok: true });
  });

  it('will not build an ID from parts that would not validate', () => {
    expect(() => makeMainlandId('990105', '1990-01-01', '001')).toThrow(RangeError);
    expect(() => makeMainlandId('11010', '1990-01-01', '001')).toThrow(RangeError);
    expect(() => makeMainlandId('110105', '2023-02-29', '001')).toThrow(RangeError);
    expect(() => makeMainlandId('110105', '1990-01-01', '01')).toThrow(RangeError);
  });
});

describe('other identity documents', () => {
  const cases: { type: IdDocumentType; number: string; result: ReturnType<typeof validateIdDocument> }[] = [
    { type: 'resident_id', number: '11010519491231002x', result: { ok: true, normalised: '11010519491231002X' } },
    { type: 'resident_id', number: '11010519491231003X', result: { ok: false, reason: 'checksum' } },
    { type: 'hk_macao_permit', number: 'H12345678', result: { ok: true, normalised: 'H12345678' } },
    { type: 'hk_macao_permit', number: 'm 1234567801', result: { ok: true, normalised: 'M1234567801' } },
    { type: 'hk_macao_permit', number: 'H123456789', result: { ok: false, reason: 'format' } },
    { type: 'hk_macao_permit', number: 'T12345678', result: { ok: false, reason: 'format' } },
    { type: 'taiwan_permit', number: '12345678', result: { ok: true, normalised: '12345678' } },
    { type: 'taiwan_permit', number: '1234567', result: { ok: false, reason: 'format' } },
    { type: 'passport', number: 'e12345678', result: { ok: true, normalised: 'E12345678' } },
    { type: 'passport', number: 'A1234', result: { ok: true, normalised: 'A1234' } },
    { type: 'passport', number: 'A123', result: { ok: false, reason: 'format' } },
    { type: 'passport', number: 'A1234567890123456', result: { ok: true, normalised: 'A1234567890123456' } },
    { type: 'passport', number: 'A12345678901234567', result: { ok: false, reason: 'format' } },
    { type: 'passport', number: 'AB-12345', result: { ok: false, reason: 'format' } },
    { type: 'foreign_permanent_residence', number: 'USA110090010180', result: { ok: true, normalised: 'USA110090010180' } },
    { type: 'foreign_permanent_residence', number: '931840198001010012', result: { ok: true, normalised: '931840198001010012' } },
    { type: 'foreign_permanent_residence', number: 'US1100900101', result: { ok: false, reason: 'format' } },
    { type: 'other', number: ' 军字第 2026001 号 ', result: { ok: true, normalised: '军字第 2026001 号' } },
    { type: 'other', number: 'line\nbreak', result: { ok: false, reason: 'format' } },
    { type: 'other', number: 'x'.repeat(41), result: { ok: false, reason: 'format' } },
    { type: 'passport', number: '   ', result: { ok: false, reason: 'empty' } },
  ];

  it.each(cases)('$type $number', ({ type, number, result }) => {
    expect(validateIdDocument(type, number, TODAY)).toEqual(result);
  });

  it('lists every document type the archive knows', () => {
    expect(ID_DOCUMENT_TYPES).toEqual([
      'resident_id',
      'hk_macao_permit',
      'taiwan_permit',
      'passport',
      'foreign_permanent_residence',
      'other',
    ]);
  });
});
