import { describe, expect, it } from 'vitest';
import { toQdc, xmlText } from '../../server/modules/analysis/codebook/codebook.qdc.ts';

const tag = (id: string, parentId: string | null, da: string, en: string, definition = '') => ({
  id,
  parentId,
  name: { da, en },
  definition,
  includeNote: '',
  excludeNote: '',
  example: '',
});
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('the codebook as REFI-QDA (.qdc)', () => {
  it('nests codes under their parents, with the names of one language and the notes as description', () => {
    const xml = toQdc(
      [
        { ...tag(A, null, 'Adgang for alle', 'Access for everyone', 'Om hvem'), includeNote: 'Ældre' },
        tag(B, A, 'Borgere uden smartphone', 'Citizens without a smartphone'),
        tag(C, null, 'Sikkerhed', 'Security'),
      ],
      'da',
      'Samråd (nemid)',
    );
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Samråd (nemid)">',
        '  <Codes>',
        `    <Code guid="${A}" name="Adgang for alle" isCodable="true">`,
        '      <Description>Om hvem\n\nMedtag: Ældre</Description>',
        `      <Code guid="${B}" name="Borgere uden smartphone" isCodable="true"/>`,
        '    </Code>',
        `    <Code guid="${C}" name="Sikkerhed" isCodable="true"/>`,
        '  </Codes>',
        '</CodeBook>',
        '',
      ].join('\n'),
    );
    expect(toQdc([tag(A, null, 'Adgang', 'Access')], 'en', 'x')).toContain('name="Access"');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText(`<a href="x">'&'</a>\u0001\uFFFE`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('Ære 😀')).toBe('Ære 😀');
  });

  it('falls back to the other language when a name is blank, and keeps an orphan at the top', () => {
    const xml = toQdc([tag(B, A, '', 'Only English')], 'da', 'x');
    expect(xml).toContain(`<Code guid="${B}" name="Only English" isCodable="true"/>`);
  });
});
