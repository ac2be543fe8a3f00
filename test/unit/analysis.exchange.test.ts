import { describe, expect, it } from 'vitest';
import { fromDescription } from '../../server/modules/analysis/codebook/codebook.qdc.ts';
import { readRefi, RefiError } from '../../server/modules/analysis/exchange/exchange.qdpx.ts';
import {
  clip,
  derivedGuid,
  fromSelection,
  layoutSource,
  normalGuid,
  slice,
  toSelection,
} from '../../server/modules/analysis/exchange/exchange.rules.ts';
import { parseXml, XmlError } from '../../server/modules/analysis/exchange/exchange.xml.ts';

describe('one plain text per item (REFI-QDA sources)', () => {
  const layout = layoutSource('Høringssvar', [
    { field: 'body', label: null, text: 'Alle 👍 også ældre' },
    { field: 'answer:q', label: 'Hvad\nmener du?', text: 'Gratis' },
    { field: 'attachment:f', label: 'Bilag: brev.pdf', text: '' },
  ]);

  it('heads each field, separates fields by an empty line and counts code points', () => {
    expect(layout.text).toBe(
      '=== Høringssvar ===\nAlle 👍 også ældre\n\n=== Hvad mener du? ===\nGratis\n\n=== Bilag: brev.pdf ===\n',
    );
    const body = layout.fields[0]!;
    expect(slice(layout.text, body.start, body.end)).toBe('Alle 👍 også ældre');
    expect(body.end - body.start).toBe(17); // the emoji is one code point, two UTF-16 units
    expect(layout.length).toBe(Array.from(layout.text).length);
  });

  it('maps a coding there and back: whole item, whole field, passage (after an emoji)', () => {
    const cases = [
      { field: null, startOffset: null, endOffset: null },
      { field: 'answer:q', startOffset: null, endOffset: null },
      { field: 'body', startOffset: 7, endOffset: 11 },
    ];
    for (const c of cases) {
      const sel = toSelection(layout, c)!;
      expect(fromSelection(layout, sel.start, sel.end)).toEqual({ ok: true, place: c });
    }
    const s = toSelection(layout, cases[2]!)!;
    expect(slice(layout.text, s.start, s.end)).toBe('også');
  });

  it('refuses a selection across fields, over a heading, empty or outside the text', () => {
    const body = layout.fields[0]!;
    const answer = layout.fields[1]!;
    expect(fromSelection(layout, body.start, answer.start + 1)).toEqual({ ok: false, reason: 'crosses_fields' });
    expect(fromSelection(layout, 0, 3)).toEqual({ ok: false, reason: 'crosses_fields' });
    expect(fromSelection(layout, 5, 5)).toEqual({ ok: false, reason: 'empty' });
    expect(fromSelection(layout, 0, layout.length + 1)).toEqual({ ok: false, reason: 'out_of_range' });
    expect(toSelection(layout, { field: 'answer:other', startOffset: null, endOffset: null })).toBeNull();
  });
});

describe('clip', () => {
  it('keeps at most the UTF-16 units the API allows, never half a character', () => {
    expect(clip('abc', 5)).toBe('abc');
    expect(clip('ab👍c', 3)).toBe('ab');
    expect(clip('ab👍c', 4)).toBe('ab👍');
  });
});

describe('GUIDs', () => {
  it('derives a stable version-5-shaped GUID and reads braces and capitals', () => {
    const g = derivedGuid('coding', 'x');
    expect(g).toBe(derivedGuid('coding', 'x'));
    expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedGuid('coding', 'y')).not.toBe(g);
    expect(normalGuid('{ABCDEF01-2345-6789-ABCD-EF0123456789}')).toBe('abcdef01-2345-6789-abcd-ef0123456789');
    expect(normalGuid('nope')).toBeNull();
  });
});

describe('the XML reader', () => {
  it('reads elements, attributes, entities, CDATA and comments, dropping prefixes', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?><!-- c --><q:A xmlns:q="u" b=\'1 &amp; 2\'><B>x &lt; y &#xE6;&#248;</B><![CDATA[<raw>]]><C/></q:A>',
    );
    expect(root.name).toBe('A');
    expect(root.attrs['b']).toBe('1 & 2');
    expect(root.children.map((c) => c.name)).toEqual(['B', 'C']);
    expect(root.children[0]!.text).toBe('x < y æø');
    expect(root.text).toBe('<raw>');
  });

  it.each([
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['<a>&x;</a>'],
    ['<a><b></a>'],
    ['<a></a><b/>'],
    ['<a b="1" b="2"/>'],
    ['<a>'],
    ['text'],
    ['<a>&</a>'],
  ])('refuses %s', (xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });
});

describe('reading REFI-QDA', () => {
  const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  it('reads a project’s codes, sources and codings (on selections and on a whole source)', () => {
    const doc = readRefi(`<Project xmlns="urn:QDA-XML:project:1.0" name="p">
      <CodeBook><Codes><Code guid="${G(1)}" name="A" isCodable="false"><Description>d</Description>
        <Code guid="${G(2)}" name="B" isCodable="true"/></Code></Codes></CodeBook>
      <Sources><TextSource guid="${G(3)}" plainTextPath="internal://${G(3)}.txt">
        <PlainTextSelection guid="${G(4)}" startPosition="1" endPosition="4"><Description>n</Description>
          <Coding guid="${G(5)}"><CodeRef targetGUID="{${G(2).toUpperCase()}}"/></Coding></PlainTextSelection>
        <Coding guid="${G(6)}"><CodeRef targetGUID="${G(1)}"/></Coding>
      </TextSource></Sources><Description>x samraad:lang=en</Description></Project>`);
    expect(doc.kind).toBe('project');
    expect(doc.lang).toBe('en');
    expect(doc.codes).toEqual([
      {
        guid: G(1),
        name: 'A',
        isCodable: false,
        description: 'd',
        children: [{ guid: G(2), name: 'B', isCodable: true, description: '', children: [] }],
      },
    ]);
    expect(doc.sources[0]).toMatchObject({
      guid: G(3),
      path: `sources/${G(3)}.txt`,
      selections: [
        { guid: G(4), start: 1, end: 4, codeGuids: [G(2)], note: 'n' },
        { guid: G(3), start: null, end: null, codeGuids: [G(1)] },
      ],
    });
  });

  it('refuses a selection without a whole-number position', () => {
    expect(() =>
      readRefi(
        `<Project name="p"><Sources><TextSource guid="${G(3)}"><PlainTextSelection guid="${G(4)}" startPosition="x" endPosition="1"/></TextSource></Sources></Project>`,
      ),
    ).toThrow(RefiError);
  });
});

describe('a description back into a tag’s texts', () => {
  it('splits the labelled paragraphs in either language', () => {
    expect(fromDescription('Om adgang\n\nMedtag: Ældre\n\nExclude: Pris\n\nEksempel: "Min mor"')).toEqual({
      definition: 'Om adgang',
      includeNote: 'Ældre',
      excludeNote: 'Pris',
      example: '"Min mor"',
    });
    expect(fromDescription('Just a text')).toMatchObject({ definition: 'Just a text', includeNote: '' });
  });
});
