import { describe, expect, it } from 'vitest';
import { odfXmlToText } from '../../server/modules/files/extraction/extract.ts';
import {
  checkFileType,
  contentDisposition,
  extensionOf,
  isExtractable,
  markedSnippetHtml,
  MAX_FILENAME_CHARS,
  normaliseExtractedText,
  sanitizeFilename,
  storageKey,
} from '../../server/modules/files/files.rules.ts';

const PDF = { mime: 'application/pdf' };
const DOCX = { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
const ODT = { mime: 'application/vnd.oasis.opendocument.text' };
const PNG = { mime: 'image/png' };
const JPEG = { mime: 'image/jpeg' };

describe('sanitizeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\jens\\Høringssvar.pdf', 'Høringssvar.pdf'],
    ['\\\\server\\share\\svar.docx', 'svar.docx'],
    ['svar\u202Egnp.pdf', 'svargnp.pdf'],
    ['faktura\u202Efdp.exe', 'fakturafdp.exe'],
    ['a\u0000b\u0007c\u001b[31m.pdf', 'abc[31m.pdf'],
    ['zero\u200Bwidth\uFEFF.pdf', 'zerowidth.pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['..', 'attachment'],
    ['', 'attachment'],
    ['   ', 'attachment'],
    ['trailing dots. . .', 'trailing dots'],
    ['CON.pdf', '_CON.pdf'],
    ['lpt1', '_lpt1'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['line\nbreak\ttab.pdf', 'linebreaktab.pdf'],
    ['many    spaces.pdf', 'many spaces.pdf'],
    ['Høringssvar – endelig version.odt', 'Høringssvar – endelig version.odt'],
  ])('%j → %j', (raw, safe) => {
    expect(sanitizeFilename(raw)).toBe(safe);
  });

  it('composes decomposed characters (NFC)', () => {
    expect(sanitizeFilename('Ho\u0308ring.pdf')).toBe('Höring.pdf');
  });

  it('shortens very long names and keeps the extension', () => {
    const name = sanitizeFilename(`${'æ'.repeat(400)}.pdf`);
    expect([...name].length).toBe(MAX_FILENAME_CHARS);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(sanitizeFilename(`${'x'.repeat(400)}`)).toHaveLength(MAX_FILENAME_CHARS);
  });

  it('never yields a path separator, a control character or a leading dot', () => {
    for (const raw of ['/', '\\', '../..', './.bashrc', '\u202E', 'a/b\\c/..\\.d']) {
      const s = sanitizeFilename(raw);
      expect(s).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
      expect(s.startsWith('.')).toBe(false);
      expect(s.length).toBeGreaterThan(0);
    }
  });
});

describe('extensionOf', () => {
  it.each([
    ['a.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['noext', ''],
    ['.bashrc', ''],
    ['ends.', ''],
  ])('%j → %j', (name, ext) => expect(extensionOf(name)).toBe(ext));
});

describe('checkFileType', () => {
  it.each([
    [PDF, 'svar.pdf'],
    [PDF, 'SVAR.PDF'],
    [DOCX, 'svar.docx'],
    [ODT, 'svar.odt'],
    [PNG, 'kort.png'],
    [JPEG, 'foto.jpg'],
    [JPEG, 'foto.jpeg'],
  ])('accepts %j named %j', (detected, name) => {
    const r = checkFileType(detected, name);
    expect(r.ok).toBe(true);
  });

  it.each([
    [undefined, 'svar.pdf', null],
    [{ mime: 'application/zip' }, 'svar.docx', 'application/zip'],
    [{ mime: 'application/x-elf' }, 'svar.pdf', 'application/x-elf'],
    [{ mime: 'application/x-msdownload' }, 'svar.pdf', 'application/x-msdownload'],
    [
      { mime: 'application/vnd.ms-word.document.macroenabled.12' },
      'svar.docx',
      'application/vnd.ms-word.document.macroenabled.12',
    ],
    [DOCX, 'svar.odt', DOCX.mime],
    [PNG, 'kort.jpg', PNG.mime],
    [PDF, 'svar', PDF.mime],
    [PDF, 'svar.pdf.exe', PDF.mime],
  ])('refuses %j named %j', (detected, name, reported) => {
    const r = checkFileType(detected, name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detected).toBe(reported);
  });

  it('knows which types have text', () => {
    expect([PDF, DOCX, ODT].every((t) => isExtractable(t.mime))).toBe(true);
    expect([PNG, JPEG].some((t) => isExtractable(t.mime))).toBe(false);
  });
});

describe('storageKey', () => {
  it('is yyyy/mm/<id> in UTC, from the server only', () => {
    expect(storageKey(new Date('2026-01-31T23:30:00-02:00'), 'abc')).toBe('2026/02/abc');
    expect(storageKey(new Date('2026-11-25T08:00:00Z'), '0f6c')).toBe('2026/11/0f6c');
  });
});

describe('contentDisposition', () => {
  it('always says attachment, with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('Høringssvar (endelig).pdf')).toBe(
      `attachment; filename="H_ringssvar (endelig).pdf"; filename*=UTF-8''H%C3%B8ringssvar%20%28endelig%29.pdf`,
    );
  });

  it('cannot be broken out of by quotes, backslashes or percent signs', () => {
    const v = contentDisposition(`a"b\\c%22'.pdf`);
    expect(v).toBe(`attachment; filename="a_b_c_22'.pdf"; filename*=UTF-8''a%22b%5Cc%2522%27.pdf`);
  });
});

describe('normaliseExtractedText', () => {
  it('removes NUL and control characters and normalises line ends', () => {
    expect(normaliseExtractedText('a\u0000b\r\nc\rd\u0007  \n\n\n\ne')).toBe('ab\nc\nd\n\ne');
  });

  it('caps the length without splitting a surrogate pair', () => {
    expect(normaliseExtractedText('abcdef', 4)).toBe('abcd');
    expect(normaliseExtractedText('ab😀cd', 3)).toBe('ab');
  });
});

describe('odfXmlToText', () => {
  it('reads paragraphs, headings, spaces, tabs, line breaks and entities from the body only', () => {
    const xml =
      '<office:document-content><office:automatic-styles><style:style style:name="P1"/></office:automatic-styles>' +
      '<office:body><office:text><text:h text:outline-level="1">Høring &amp; svar</text:h>' +
      '<text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d &lt;script&gt; &#229;&#x00F8;</text:p>' +
      '<text:tracked-changes><text:changed-region><text:deletion><text:p>slettet</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
      '</office:text></office:body></office:document-content>';
    expect(odfXmlToText(xml)).toBe('Høring & svar\na   b\tc\nd <script> åø\n');
  });
});

describe('markedSnippetHtml', () => {
  it('escapes the text and marks only the hits', () => {
    expect(markedSnippetHtml('<script>alert("x")</script> & \u0002kodeviser\u0003 <b>')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>kodeviser</mark> &lt;b&gt;',
    );
  });
});
