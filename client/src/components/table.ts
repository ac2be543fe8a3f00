import { html, type TemplateResult } from 'lit';

/** A table's head: one row of column headers, `labels` in order. */
export const columnHeads = (labels: readonly string[]): TemplateResult =>
  html`<thead>
    <tr>
      ${labels.map((label) => html`<th scope="col">${label}</th>`)}
    </tr>
  </thead>`;
