import { html } from 'lit';

/**
 * The item page's few layout rules: the text keeps its line breaks, a coded passage is highlighted
 * AND underlined (thicker where passages overlap) and followed by its numbered marker, the
 * selection is outlined as well as shaded, the caret is a bar. Nothing carries meaning by colour
 * alone: the markers, the list and the status line say it in words.
 */
export const itemStyles = html`<style>
  .sr-item-version-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-width: 70ch;
  }
  .sr-item-version summary {
    cursor: pointer;
  }
  .sr-coding-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    line-height: 1.8;
    padding: var(--sr-space-3);
    border: 1px solid currentColor;
    border-radius: 4px;
    max-width: 70ch;
    cursor: text;
  }
  .sr-coding-text:focus {
    outline: 3px solid #000;
    outline-offset: 2px;
    box-shadow: 0 0 0 5px #ffbc2b;
  }
  .sr-coding-text mark.sr-coded {
    background: #fff3c4;
    color: inherit;
    text-decoration: underline;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }
  .sr-coding-text mark.sr-coded[data-depth='2'] {
    background: #ffe27a;
    text-decoration-style: double;
  }
  .sr-coding-text mark.sr-coded[data-depth='3'] {
    background: #ffd23f;
    text-decoration-style: double;
    text-decoration-thickness: 3px;
  }
  .sr-coding-text .sr-selected,
  .sr-coding-text .sr-selected mark.sr-coded {
    background: #cde4ff;
    outline: 1px dashed #00357a;
  }
  .sr-coding-text .sr-caret {
    display: inline-block;
    width: 0;
    height: 1.2em;
    vertical-align: text-bottom;
    border-left: 2px solid currentColor;
    margin-right: -2px;
  }
  .sr-coding-marker,
  .sr-coding-number {
    font-weight: 600;
    font-size: 0.75em;
  }
  .sr-coding-status {
    min-height: 1.5em;
    font-size: 0.9em;
  }
  .sr-picker-list {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 16rem;
    overflow-y: auto;
    border: 1px solid currentColor;
    max-width: none;
  }
  .sr-picker-list li {
    margin: 0;
    padding-top: var(--sr-space-2);
    padding-bottom: var(--sr-space-2);
    padding-right: var(--sr-space-3);
    cursor: pointer;
    max-width: none;
  }
  .sr-picker-list li::before {
    content: none;
  }
  .sr-picker-list li.sr-picker-active {
    outline: 2px solid currentColor;
    outline-offset: -2px;
    text-decoration: underline;
  }
  .sr-coding-quote {
    border-left: 4px solid currentColor;
    margin: var(--sr-space-2) 0;
    padding-left: var(--sr-space-3);
    white-space: pre-wrap;
  }
  .sr-item-author {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--sr-space-1) var(--sr-space-4);
  }
  .sr-item-author dd {
    margin: 0;
  }
  .sr-item-nav {
    display: flex;
    gap: var(--sr-space-4);
    flex-wrap: wrap;
  }
</style>`;
