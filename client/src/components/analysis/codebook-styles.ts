import { html } from 'lit';

/**
 * The codebook tree's few layout rules: nested levels indented, no list bullets, the tag's facts on
 * one wrapping line. Rendered once by the page (the client's CSP allows inline styles), so the
 * area needs no stylesheet of its own. Nothing here carries meaning by colour alone.
 */
export const codebookStyles = html`<style>
  ul.sr-codebook-tree,
  ul.sr-codebook-tree li > ul.sr-codebook-level {
    list-style: none;
    padding: 0;
    margin: 0;
    max-width: none;
    display: grid;
    gap: var(--sr-space-3);
  }
  ul.sr-codebook-tree li > ul.sr-codebook-level {
    margin: var(--sr-space-3) 0 0 var(--sr-space-5);
  }
  ul.sr-codebook-tree li {
    margin: 0;
    padding: 0;
    max-width: none;
  }
  ul.sr-codebook-tree li::before {
    content: none;
  }
  .sr-codebook-tag.sr-codebook-archived {
    border-left-style: dashed;
  }
  .sr-codebook-tag [role='heading'] {
    margin: 0 0 var(--sr-space-2);
  }
  .sr-codebook-tag .sr-actions {
    margin-top: var(--sr-space-3);
    align-items: center;
  }
  .sr-codebook-tag details {
    margin-top: var(--sr-space-2);
  }
  .sr-codebook-tag dl {
    margin: var(--sr-space-2) 0 0;
  }
  .sr-codebook-tag dd {
    margin: 0 0 var(--sr-space-2);
    white-space: pre-line;
  }
  .sr-codebook-form textarea.form-input,
  .sr-codebook-form .form-select {
    max-width: 100%;
  }
  .sr-codebook-form,
  .sr-codebook-panel {
    margin-top: var(--sr-space-3);
  }
</style>`;
