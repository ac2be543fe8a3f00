/**
 * The API docs page dressed as Samråd (issue 10 item 19): Swagger UI's base layout (no top bar, so
 * no Fastify/Swagger logo, no unlabelled URL box, no inline <style> that a strict content security
 * policy blocks), a header linking back to the app, and CSS for WCAG AA contrast and 24 px targets.
 * Served by @fastify/swagger-ui from the app's own origin, so the page works offline.
 */

/** As strict as the app's own policy (server/plugins/client.ts): nothing inline, nothing foreign. */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Runs after Swagger UI's scripts: adds the app's header and a main landmark around the UI. */
export const DOCS_JS = `(function () {
  var doc = document;
  var root = doc.getElementById('swagger-ui');
  if (!root || doc.querySelector('.sr-docs-header')) return;
  var header = doc.createElement('header');
  header.className = 'sr-docs-header';
  var brand = doc.createElement('a');
  brand.className = 'sr-docs-brand';
  brand.href = '/';
  brand.textContent = 'Samråd';
  var title = doc.createElement('span');
  title.className = 'sr-docs-title';
  title.textContent = 'API';
  var back = doc.createElement('a');
  back.className = 'sr-docs-back';
  back.href = '/';
  back.lang = 'da';
  back.textContent = 'Tilbage til Samråd';
  var backEn = doc.createElement('span');
  backEn.lang = 'en';
  backEn.textContent = ' (back to the app)';
  back.appendChild(backEn);
  header.appendChild(brand);
  header.appendChild(title);
  header.appendChild(back);
  var main = doc.createElement('main');
  main.id = 'main';
  root.parentNode.insertBefore(header, root);
  root.parentNode.insertBefore(main, root);
  main.appendChild(root);
  // Swagger UI's request-body editor and parameter fields come without a label (WCAG 1.3.1, 4.1.2).
  function label() {
    root.querySelectorAll('textarea:not([aria-label]), input:not([aria-label]), select:not([aria-label])').forEach(function (el) {
      if (el.labels && el.labels.length) return;
      var row = el.closest('tr[data-param-name]');
      var name = row ? row.getAttribute('data-param-name') : el.getAttribute('placeholder');
      el.setAttribute('aria-label', el.tagName === 'TEXTAREA' && !row ? 'Request body' : name || 'Value');
    });
  }
  new MutationObserver(label).observe(root, { childList: true, subtree: true });
})();
`;

/** Tokens copied from client/src/styles/tokens.css (the docs page does not load the app's CSS). */
export const DOCS_CSS = `
:root { --sr-color-text: #1a1a1a; --sr-color-link: #004d99; --sr-color-accent: #004d99; --sr-color-muted: #454545; }
body { margin: 0; color: var(--sr-color-text); font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
.sr-docs-header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.75rem 1.25rem;
  background: var(--sr-color-accent); color: #fff; }
.sr-docs-header a { color: #fff; display: inline-block; padding: 2px 0; line-height: 1.5; }
.sr-docs-header a:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
.sr-docs-brand { font-size: 1.5rem; font-weight: 700; text-decoration: none; }
.sr-docs-title { font-size: 1.25rem; }
.sr-docs-back { margin-left: auto; text-decoration: underline; }
/* Contrast (WCAG 1.4.3): Swagger UI's greys and method colours are too light on white. */
.swagger-ui, .swagger-ui .info .title, .swagger-ui .opblock-tag, .swagger-ui .opblock .opblock-summary-description,
.swagger-ui .parameter__name, .swagger-ui .response-col_status, .swagger-ui table thead tr th,
.swagger-ui .tab li, .swagger-ui .opblock-description-wrapper p, .swagger-ui .model-title { color: var(--sr-color-text); }
.swagger-ui .parameter__type, .swagger-ui .parameter__in, .swagger-ui .prop-format, .swagger-ui .model .property,
.swagger-ui .renderedMarkdown p, .swagger-ui .response-col_links { color: var(--sr-color-muted); }
.swagger-ui a, .swagger-ui .info a { color: var(--sr-color-link); }
.swagger-ui .info .title small, .swagger-ui .info .title small.version-stamp { background: #3d3d3d; }
.swagger-ui .info .title small pre { color: #fff; }
.swagger-ui .opblock .opblock-summary-method { background: #1a1a1a; color: #fff; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #00608a; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1b6b3a; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a4b00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #005f56; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #a3211f; }
.swagger-ui .btn { color: var(--sr-color-text); border-color: #6b6b6b; min-height: 24px; }
.swagger-ui .btn.execute { background: var(--sr-color-accent); border-color: var(--sr-color-accent); color: #fff; }
.swagger-ui .btn.authorize, .swagger-ui .btn.authorize span { color: #1b6b3a; border-color: #1b6b3a; }
.swagger-ui .btn.authorize svg { fill: #1b6b3a; }
.swagger-ui .btn.cancel { color: #a3211f; border-color: #a3211f; }
.swagger-ui .response-control-media-type__accept-message { color: #1b6b3a; }
.swagger-ui .parameter__name.required span, .swagger-ui .parameter__name.required:after { color: #a3211f; }
.swagger-ui .opblock-summary-path, .swagger-ui .opblock-summary-path__deprecated { color: var(--sr-color-text); }
/* Target size (WCAG 2.5.8): every control at least 24 × 24 px. */
.swagger-ui .opblock-summary-control, .swagger-ui .opblock-tag, .swagger-ui .expand-operation,
.swagger-ui .model-box-control, .swagger-ui .models-control, .swagger-ui .tab li button,
.swagger-ui .copy-to-clipboard, .swagger-ui select { min-height: 24px; min-width: 24px; }
.swagger-ui :focus-visible { outline: 3px solid var(--sr-color-text); outline-offset: 2px; }
`;
