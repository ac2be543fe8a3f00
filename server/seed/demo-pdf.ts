/**
 * The demo documents' PDF writer (scripts/make-demo-docs.ts): a text-only PDF 1.4 with Helvetica
 * (and Helvetica-Bold, only when a line asks for it) in WinAnsiEncoding, so æ, ø, å, – and ’ print,
 * on A4 pages. No dates or ids are written, so the same lines always give the same bytes. No I/O.
 */

export type PdfLine = {
  text: string;
  size: number;
  bold?: boolean;
  /** Left edge in points (default 56); a second cell on the same line, e.g. a tick in a table. */
  x?: number;
  cell?: { text: string; x: number };
  /** Start a new page before this line. */
  pageBreak?: boolean;
};

/** Characters outside Latin-1 that WinAnsiEncoding has, by their code there. */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
};

function encode(s: string): string {
  return [...s]
    .map((ch) => {
      const mapped = WIN_ANSI[ch];
      if (mapped !== undefined) return String.fromCharCode(mapped);
      return ch.charCodeAt(0) <= 0xff ? ch : '?';
    })
    .join('')
    .replace(/[\\()]/g, (m) => `\\${m}`);
}

export function pdf(lines: PdfLine[]): Buffer {
  const bold = lines.some((l) => l.bold);
  const pages: string[] = [];
  let ops: string[] = [];
  let y = 800;
  for (const l of lines) {
    const step = l.size * 1.45;
    if ((l.pageBreak && ops.length > 0) || y - step < 50) {
      pages.push(ops.join('\n'));
      ops = [];
      y = 800;
    }
    y -= step;
    const font = l.bold ? 'F2' : 'F1';
    ops.push(`BT /${font} ${l.size} Tf ${l.x ?? 56} ${y.toFixed(1)} Td (${encode(l.text)}) Tj ET`);
    if (l.cell) ops.push(`BT /${font} ${l.size} Tf ${l.cell.x} ${y.toFixed(1)} Td (${encode(l.cell.text)}) Tj ET`);
  }
  pages.push(ops.join('\n'));
  const first = bold ? 5 : 4;
  const objs: string[] = [];
  const pageIds = pages.map((_, i) => first + i * 2);
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  if (bold) objs[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  const fonts = bold ? '/F1 3 0 R /F2 4 0 R' : '/F1 3 0 R';
  pages.forEach((content, i) => {
    const id = first + i * 2;
    const stream = Buffer.from(content, 'latin1');
    objs[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << ${fonts} >> >> /Contents ${id + 1} 0 R >>`;
    objs[id + 1] = `<< /Length ${stream.length} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objs.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Markdown-ish text to lines of at most `width` characters; a blank line after each paragraph. */
export function wrap(text: string, width = 92): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n{2,}/)) {
    const words = para
      .replace(/[#*_`>|]/g, '')
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    let line = '';
    for (const w of words) {
      if ((line + ' ' + w).trim().length > width) {
        out.push(line);
        line = w;
      } else line = (line + ' ' + w).trim();
    }
    if (line) out.push(line);
    out.push('');
  }
  return out;
}
