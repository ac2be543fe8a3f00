import { describe, expect, it } from 'vitest';
import {
  contextOf,
  cprYear,
  isCprShaped,
  passesModulus11,
  redact,
  REDACTED,
  scanText,
} from '../../server/modules/analysis/privacy/privacy.rules.ts';

const kinds = (text: string, who?: Parameters<typeof scanText>[1]) => scanText(text, who).map((f) => [f.kind, f.quote]);

describe('CPR numbers', () => {
  it('finds a CPR number with a hyphen, a space or nothing between its parts', () => {
    expect(kinds('Mit CPR er 010190-1234.')).toEqual([['cpr', '010190-1234']]);
    expect(kinds('cpr 010190 1234 tak')).toEqual([['cpr', '010190 1234']]);
    expect(kinds('(0101901234)')).toEqual([['cpr', '0101901234']]);
  });

  it('never clears a number by the modulus-11 check: 1 January numbers without it are flagged', () => {
    expect(passesModulus11('0101651234')).toBe(false);
    expect(kinds('010165-1234')).toEqual([['cpr', '010165-1234']]);
    // and one that passes it is flagged as well
    expect(passesModulus11('0707614285')).toBe(true);
    expect(kinds('070761-4285')).toEqual([['cpr', '070761-4285']]);
  });

  it('reads the century from the 7th digit', () => {
    expect(cprYear(90, 0)).toBe(1990);
    expect(cprYear(90, 3)).toBe(1990);
    expect(cprYear(10, 4)).toBe(2010);
    expect(cprYear(37, 4)).toBe(1937);
    expect(cprYear(36, 9)).toBe(2036);
    expect(cprYear(37, 9)).toBe(1937);
    expect(cprYear(57, 5)).toBe(2057);
    expect(cprYear(58, 8)).toBe(1858);
  });

  it('needs a real date in that century, so 29 February only in a leap year', () => {
    expect(isCprShaped('2902001234')).toBe(false); // 7th digit 1 → 1900, no leap year
    expect(isCprShaped('2902004234')).toBe(true); // 7th digit 4, yy 00 → 2000, a leap year
    expect(isCprShaped('2902000234')).toBe(false); // 7th digit 0 → 1900, not a leap year
    expect(isCprShaped('2902005234')).toBe(true); // 5 → 2000
    expect(isCprShaped('3204901234')).toBe(false);
    expect(isCprShaped('3104901234')).toBe(false); // April has 30 days
    expect(isCprShaped('0013901234')).toBe(false);
    expect(isCprShaped('0001901234')).toBe(false);
    expect(isCprShaped('6101901234')).toBe(true); // erstatningspersonnummer: day + 60
    expect(kinds('300290-1234')).toEqual([]);
  });

  it('does not cut a CPR number out of a longer number, an amount or a date', () => {
    expect(kinds('Kontonummer 1234 0101901234567')).toEqual([]);
    expect(kinds('Beløb: 1.010.190.123,00 kr.')).toEqual([]);
    expect(kinds('Mødet er 01-01-1990 kl. 10')).toEqual([]);
    expect(kinds('Dato 01.01.90, sag 2024-1234')).toEqual([]);
    expect(kinds('ID abc0101901234')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it('finds Danish numbers with +45 or 0045 and in the usual groupings', () => {
    expect(kinds('Ring på +45 12 34 56 78')).toEqual([]); // 1… is no subscriber number
    expect(kinds('Ring på +45 22 34 56 78.')).toEqual([['phone', '+45 22 34 56 78']]);
    expect(kinds('tlf. 0045 22345678')).toEqual([['phone', '0045 22345678']]);
    expect(kinds('(+45) 2234 5678')).toEqual([['phone', '(+45) 2234 5678']]);
    expect(kinds('min mobil: 22 34 56 78')).toEqual([['phone', '22 34 56 78']]);
    expect(kinds('nummer 22-34-56-78 hele dagen')).toEqual([['phone', '22-34-56-78']]);
    expect(kinds('skriv 4012 3456 eller mail')).toEqual([['phone', '4012 3456']]);
    expect(kinds('Tlf: 40123456')).toEqual([['phone', '40123456']]);
  });

  it('does not take a CVR number, an amount or a year range for a phone number', () => {
    expect(kinds('CVR 25052943 (Digitaliseringsstyrelsen)')).toEqual([]);
    expect(kinds('CVR-nr. 25052943')).toEqual([]);
    expect(kinds('Det koster 25052943 kr. om året')).toEqual([]);
    expect(kinds('Budget 1.234.567 kr. i perioden 2020-2025')).toEqual([]);
    expect(kinds('fra 2024-2028 og 3 mio.')).toEqual([]);
    expect(kinds('1 234 567 borgere')).toEqual([]);
  });
});

describe('e-mail addresses and the anonymous respondent', () => {
  it('finds e-mail addresses, Danish letters too', () => {
    expect(kinds('Skriv til jens.ærø@eksempel.dk, tak')).toEqual([['email', 'jens.ærø@eksempel.dk']]);
    expect(kinds('Ingen adresse @ her')).toEqual([]);
  });

  it('finds the anonymous respondent’s own name and e-mail, but not a named respondent’s', () => {
    const who = { anonymous: true, name: 'Jens Peter Hansen', email: 'JPH@eksempel.dk' };
    expect(kinds('Venlig hilsen Jens Peter Hansen, jph@eksempel.dk', who)).toEqual([
      ['own_name', 'Jens Peter Hansen'],
      ['own_email', 'jph@eksempel.dk'],
    ]);
    expect(kinds('jeg, jens hansen, mener', who)).toEqual([['own_name', 'jens hansen']]);
    expect(kinds('Venlig hilsen Jens Peter Hansen', { ...who, anonymous: false })).toEqual([]);
    expect(kinds('Hansenskolen er god', who)).toEqual([]);
  });
});

describe('offsets, redaction and context', () => {
  it('counts code points, as codings do', () => {
    const text = '👍👍 CPR 010190-1234';
    const [f] = scanText(text);
    expect(f).toMatchObject({ kind: 'cpr', start: 7, end: 18 });
    expect(Array.from(text).slice(f!.start, f!.end).join('')).toBe('010190-1234');
    expect(redact(text, [f!])).toBe(`👍👍 CPR ${REDACTED}`);
  });

  it('merges overlapping cuts and clips those outside the text', () => {
    expect(
      redact('abcdefgh', [
        { start: 1, end: 3 },
        { start: 2, end: 5 },
        { start: 7, end: 99 },
      ]),
    ).toBe(`a${REDACTED}fg${REDACTED}`);
    expect(redact('abc', [])).toBe('abc');
  });

  it('shows the words around a passage', () => {
    expect(contextOf('0123456789', 4, 6, 2)).toEqual({ before: '…23', quote: '45', after: '67…' });
  });

  it('scans quickly enough for a million responses in two minutes', () => {
    const text = 'Jeg synes forslaget om MitID er godt, men 1.234 borgere mangler adgang. '.repeat(10);
    const t0 = performance.now();
    for (let i = 0; i < 2_000; i++) scanText(text);
    // 120 µs per response would be 2 min per million; this is a coarse guard, the bench measures.
    expect((performance.now() - t0) / 2_000).toBeLessThan(120);
  });
});
