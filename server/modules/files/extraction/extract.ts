import { Worker } from 'node:worker_threads';
import { isExtractable, MAX_EXTRACTED_CHARS, normaliseExtractedText } from '../files.rules.ts';

/**
 * Text extraction from PDF (unpdf, a serverless build of Mozilla's PDF.js), DOCX (mammoth) and ODT
 * (content.xml read with fflate). Untrusted documents are parsed in a worker thread with a memory
 * cap and a timeout (`extractInWorker`), so a hostile or huge file can neither stall the API's
 * event loop nor exhaust its heap.
 */

export type ExtractOutcome = { status: 'done'; text: string } | { status: 'skipped' };

export const EXTRACT_LIMITS = {
  maxChars: MAX_EXTRACTED_CHARS,
  maxPdfPages: 2000,
  /** Declared uncompressed size of the XML part we read from a DOCX/ODT (zip-bomb guard). */
  maxXmlBytes: 64 * 1024 * 1024,
};

export class ExtractionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractionError';
  }
}

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

/** Extracts in the calling thread (the worker's body; unit tests call it directly). */
export async function extractText(
  data: Uint8Array,
  mediaType: string,
  limits = EXTRACT_LIMITS,
): Promise<ExtractOutcome> {
  if (!isExtractable(mediaType)) return { status: 'skipped' };
  let raw: string;
  if (mediaType === MIME.pdf) raw = await pdfText(data, limits);
  else if (mediaType === MIME.docx) raw = await docxText(data, limits);
  else if (mediaType === MIME.odt) raw = await odtText(data, limits);
  else return { status: 'skipped' };
  return { status: 'done', text: normaliseExtractedText(raw, limits.maxChars) };
}

async function pdfText(data: Uint8Array, limits: typeof EXTRACT_LIMITS): Promise<string> {
  const { getDocumentProxy } = await import('unpdf');
  // A copy: PDF.js detaches the buffer it is given.
  const pdf = await getDocumentProxy(new Uint8Array(data), {
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pages: string[] = [];
    let length = 0;
    const last = Math.min(pdf.numPages, limits.maxPdfPages);
    for (let n = 1; n <= last && length < limits.maxChars; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      pages.push(text);
      length += text.length;
    }
    return pages.join('\n\n');
  } finally {
    await pdf.destroy();
  }
}

/** Reads one entry of a ZIP, refusing it when its declared size is over the limit. */
async function zipEntry(data: Uint8Array, name: string, maxBytes: number): Promise<Uint8Array> {
  const { unzipSync } = await import('fflate');
  let tooBig = false;
  const files = unzipSync(data, {
    filter: (f) => {
      if (f.name !== name) return false;
      if (f.originalSize > maxBytes) tooBig = true;
      return !tooBig;
    },
  });
  if (tooBig) throw new ExtractionError(`${name} is larger than ${maxBytes} bytes uncompressed`);
  const entry = files[name];
  if (!entry) throw new ExtractionError(`The document has no ${name}`);
  return entry;
}

async function docxText(data: Uint8Array, limits: typeof EXTRACT_LIMITS): Promise<string> {
  await zipEntry(data, 'word/document.xml', limits.maxXmlBytes);
  const mammoth = (await import('mammoth')).default;
  const result = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  return result.value;
}

async function odtText(data: Uint8Array, limits: typeof EXTRACT_LIMITS): Promise<string> {
  const xml = new TextDecoder('utf-8').decode(await zipEntry(data, 'content.xml', limits.maxXmlBytes));
  return odfXmlToText(xml);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The text nodes of an OpenDocument body: paragraphs and headings end a line, `text:s`, `text:tab`
 * and `text:line-break` become spaces, tabs and newlines; tracked deletions are left out.
 */
export function odfXmlToText(xml: string): string {
  const start = xml.indexOf('<office:body');
  const end = xml.lastIndexOf('</office:body>');
  const body = start >= 0 && end > start ? xml.slice(start, end) : xml;
  return body
    .replace(/<text:tracked-changes[\s\S]*?<\/text:tracked-changes>/g, '')
    .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_m, n: string | undefined) =>
      ' '.repeat(Math.min(Number(n ?? 1), 100)),
    )
    .replace(/<text:tab\s*\/>/g, '\t')
    .replace(/<text:line-break\s*\/>/g, '\n')
    .replace(/<\/text:(p|h)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[e.toLowerCase()] ?? '';
    });
}

export type WorkerLimits = { timeoutMs: number; maxMemoryMb: number };
export const WORKER_LIMITS: WorkerLimits = { timeoutMs: 60_000, maxMemoryMb: 512 };

/**
 * Runs `extractText` in a fresh worker thread (see extract.worker.mjs). Rejects with
 * ExtractionError when the document cannot be read, the worker runs out of memory or time.
 */
export function extractInWorker(data: Uint8Array, mediaType: string, limits = WORKER_LIMITS): Promise<ExtractOutcome> {
  if (!isExtractable(mediaType)) return Promise.resolve({ status: 'skipped' });
  const copy = new Uint8Array(data); // its own ArrayBuffer, transferred without a second copy
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./extract.worker.mjs', import.meta.url), {
      workerData: { data: copy, mediaType },
      transferList: [copy.buffer],
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new ExtractionError(`Extraction took longer than ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', (msg: { ok: true; outcome: ExtractOutcome } | { ok: false; error: string }) =>
      settle(() => (msg.ok ? resolve(msg.outcome) : reject(new ExtractionError(msg.error)))),
    );
    worker.on('error', (err) => settle(() => reject(new ExtractionError(err.message))));
    worker.on('exit', (code) => settle(() => reject(new ExtractionError(`Extraction worker exited (${code})`))));
  });
}
