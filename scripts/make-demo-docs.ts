/**
 * Writes the demo consultations' documents as small real PDFs under client/public/docs/ (served
 * by the app), so every document link in the demo data opens a file. Text comes from the demo
 * content itself. Run: npx tsx scripts/make-demo-docs.ts (re-run after editing the demo content).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_CONSULTATIONS } from '../server/seed/demo-content.ts';

/** A one-font, text-only PDF 1.4 (Helvetica, WinAnsiEncoding, so æ, ø and å print), A4 pages. */
function pdf(lines: { text: string; size: number }[]): Buffer {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = 800;
  const esc = (s: string) => s.replace(/[\\()]/g, (m) => `\\${m}`);
  for (const l of lines) {
    const step = l.size * 1.45;
    if (y - step < 50) {
      pages.push(ops.join('\n'));
      ops = [];
      y = 800;
    }
    y -= step;
    ops.push(`BT /F1 ${l.size} Tf 56 ${y.toFixed(1)} Td (${esc(l.text)}) Tj ET`);
  }
  pages.push(ops.join('\n'));
  const objs: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((content, i) => {
    const id = 4 + i * 2;
    const stream = Buffer.from(content, 'latin1');
    objs[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
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

function wrap(text: string, width = 92): string[] {
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

async function main(): Promise<void> {
  const root = path.resolve('client/public');
  for (const c of DEMO_CONSULTATIONS) {
    for (const d of c.documents) {
      if (!d.url.startsWith('/docs/')) continue;
      const lines: { text: string; size: number }[] = [
        { text: d.title.da, size: 18 },
        { text: c.title.da, size: 12 },
        { text: '', size: 10 },
        { text: 'Demonstrationsdokument i Samråds demodata. Indholdet er et uddrag af høringens egen tekst.', size: 9 },
        { text: '', size: 10 },
        ...wrap(c.summary.da).map((text) => ({ text, size: 10 })),
        ...wrap(c.body.da).map((text) => ({ text, size: 10 })),
        ...c.scenarios.flatMap((s) => [
          { text: `${s.key}: ${s.title.da}`, size: 12 },
          ...wrap(s.summary.da).map((text) => ({ text, size: 10 })),
        ]),
      ];
      const file = path.join(root, d.url);
      await mkdir(path.dirname(file), { recursive: true });
      const bytes = pdf(lines);
      await writeFile(file, bytes);
      process.stdout.write(`${d.url} ${bytes.length} bytes\n`);
    }
  }
}

await main();
