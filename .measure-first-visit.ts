import { chromium } from 'playwright-core';
const base = process.argv[2]!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
const rows: [string, number, number, string][] = [];
page.on('requestfinished', async (req) => {
  const s = await req.sizes();
  const r = await req.response();
  rows.push([req.url().replace(base, ''), s.responseBodySize, s.responseHeadersSize, (await r?.headerValue('content-encoding')) ?? '']);
});
await page.goto(base + '/', { waitUntil: 'networkidle' });
await page.waitForTimeout(1000);
let body = 0, hdr = 0;
for (const [u, b, h, e] of rows) { body += b; hdr += h; console.log(u, b, e); }
console.log('requests', rows.length, 'body bytes', body, 'with headers', body + hdr);
await browser.close();
