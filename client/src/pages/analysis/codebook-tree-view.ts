import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CodebookTag } from '../../api/codebook.ts';
import { selectField } from '../../components/fields.ts';
import { icon } from '../../components/icons.ts';
import {
  canAddUnder,
  canBeTheme,
  descendantIds,
  heightOf,
  neighbourPosition,
  validParents,
  type TreeNode,
} from '../../data/codebook-tree.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * The codebook page's tree (sr-page-codebook.ts): each tag with its meta, details and actions, and
 * the move and merge panels. Templates only; the page is the host that holds the state and acts.
 */

/** What is open beside the tree: one form or panel at a time. */
export type Panel =
  | { kind: 'add'; parentId: string | null }
  | { kind: 'edit'; id: string }
  | { kind: 'move'; id: string }
  | { kind: 'merge'; id: string };

/** The top level as a move target in the select (a tag id otherwise). */
export const TOP = 'top';

/** What the tree's templates read from the page and ask it to do. */
export interface CodebookHost {
  readonly tags: CodebookTag[];
  readonly maxDepth: number;
  readonly panel: Panel | null;
  readonly busy: boolean;
  readonly target: string;
  readonly targetError: string;
  tag(id: string): CodebookTag | undefined;
  pathLabel(id: string): string;
  scenarioLabel(id: string | null): string | null;
  form(tag: CodebookTag | null, heading: string, level: number): unknown;
  setTarget(value: string): void;
  open(panel: Panel): void;
  close(): void;
  move(tag: CodebookTag): Promise<void>;
  merge(tag: CodebookTag): Promise<void>;
  step(tag: CodebookTag, delta: -1 | 1): Promise<void>;
  archive(tag: CodebookTag, archive: boolean): Promise<void>;
}

export function movePanel(h: CodebookHost, tag: CodebookTag, level: number) {
  const name = loc(tag.name);
  const active = h.tags.filter((x) => tag.archived || !x.archived);
  const parents = validParents(active, tag.id, h.maxDepth);
  const options = [
    ...(canBeTheme(tag) ? [{ value: TOP, label: t('codebook.moveTop') }] : []),
    ...parents.map((p) => ({ value: p.id, label: h.pathLabel(p.id) })),
  ];
  return html`<form
    novalidate
    class="sr-confirm sr-codebook-panel"
    aria-labelledby="cb-move-heading"
    @submit=${(e: Event) => {
      e.preventDefault();
      void h.move(tag);
    }}
  >
    <div role="heading" aria-level=${level} class="h5" id="cb-move-heading" tabindex="-1">
      ${t('codebook.moveHeading', { name })}
    </div>
    ${
      options.length
        ? selectField({
            id: 'cb-move-parent',
            label: t('codebook.moveParent'),
            hint: t('codebook.moveParentHint'),
            required: true,
            placeholder: t('codebook.moveChoose'),
            value: h.target,
            options,
            error: h.targetError || undefined,
            onChange: (v) => {
              h.setTarget(v);
            },
          })
        : html`<p>${t('codebook.moveNowhere')}</p>`
    }
    <div class="sr-actions">
      ${
        options.length
          ? html`<button type="submit" class="button button-primary" id="cb-move-submit" ?disabled=${h.busy}>
              ${t('codebook.moveSubmit')}
            </button>`
          : nothing
      }
      <button type="button" class="button button-secondary" id="cb-move-cancel" @click=${() => h.close()}>
        ${t('common.cancel')}
      </button>
    </div>
  </form>`;
}

export function mergePanel(h: CodebookHost, tag: CodebookTag, level: number) {
  const name = loc(tag.name);
  const below = descendantIds(h.tags, tag.id);
  const extra = heightOf(h.tags, tag.id) - 1;
  const targets = h.tags.filter(
    (x) => x.id !== tag.id && !x.archived && !below.has(x.id) && x.depth + extra <= h.maxDepth,
  );
  return html`<form
    novalidate
    class="sr-confirm sr-codebook-panel"
    aria-labelledby="cb-merge-heading"
    aria-describedby="cb-merge-explain"
    @submit=${(e: Event) => {
      e.preventDefault();
      void h.merge(tag);
    }}
  >
    <div role="heading" aria-level=${level} class="h5" id="cb-merge-heading" tabindex="-1">
      ${t('codebook.mergeHeading', { name })}
    </div>
    <p id="cb-merge-explain">${t('codebook.mergeExplain', { name, count: tag.codingCount })}</p>
    ${
      targets.length
        ? selectField({
            id: 'cb-merge-into',
            label: t('codebook.mergeInto'),
            required: true,
            placeholder: t('codebook.mergeChoose'),
            value: h.target,
            options: targets.map((x) => ({ value: x.id, label: h.pathLabel(x.id) })),
            error: h.targetError || undefined,
            onChange: (v) => {
              h.setTarget(v);
            },
          })
        : html`<p>${t('codebook.mergeNowhere')}</p>`
    }
    <div class="sr-actions">
      ${
        targets.length
          ? html`<button type="submit" class="button button-primary" id="cb-merge-submit" ?disabled=${h.busy}>
              ${t('codebook.mergeSubmit')}
            </button>`
          : nothing
      }
      <button type="button" class="button button-secondary" id="cb-merge-cancel" @click=${() => h.close()}>
        ${t('common.cancel')}
      </button>
    </div>
  </form>`;
}

export function tagDetails(tag: CodebookTag) {
  const rows = (
    [
      ['definition', 'codebook.form.definition'],
      ['includeNote', 'codebook.form.includeNote'],
      ['excludeNote', 'codebook.form.excludeNote'],
      ['example', 'codebook.form.example'],
    ] as const
  ).filter(([k]) => tag[k].trim());
  return html`<details>
    <summary>${t('codebook.details')}</summary>
    ${
      rows.length
        ? html`<dl>
            ${rows.map(
              ([k, label]) =>
                html`<dt>${t(label)}</dt>
                  <dd>${tag[k]}</dd>`,
            )}
          </dl>`
        : html`<p class="sr-muted">${t('codebook.noDetails')}</p>`
    }
  </details>`;
}

export function tagActions(h: CodebookHost, tag: CodebookTag) {
  const name = loc(tag.name);
  const hidden = html`<span class="sr-only">: ${name}</span>`;
  if (tag.archived) {
    return tag.mergedIntoId
      ? nothing
      : html`<div class="sr-actions">
          <button
            type="button"
            class="button button-secondary"
            id="cb-unarchive-${tag.id}"
            @click=${() => void h.archive(tag, false)}
          >
            ${t('codebook.unarchive')}${hidden}
          </button>
        </div>`;
  }
  const up = neighbourPosition(h.tags, tag.id, -1);
  const down = neighbourPosition(h.tags, tag.id, 1);
  return html`<div class="sr-actions">
    <button
      type="button"
      class="button button-secondary"
      id="cb-edit-${tag.id}"
      @click=${() => h.open({ kind: 'edit', id: tag.id })}
    >
      ${t('codebook.edit')}${hidden}
    </button>
    ${
      canAddUnder(tag, h.maxDepth)
        ? html`<button
            type="button"
            class="button button-secondary"
            id="cb-add-${tag.id}"
            aria-label=${t('codebook.addChildTo', { name })}
            @click=${() => h.open({ kind: 'add', parentId: tag.id })}
          >
            ${t('codebook.addChild')}
          </button>`
        : nothing
    }
    <button
      type="button"
      class="button button-tertiary"
      id="cb-move-${tag.id}"
      @click=${() => h.open({ kind: 'move', id: tag.id })}
    >
      ${t('codebook.move')}${hidden}
    </button>
    <button
      type="button"
      class="button button-tertiary"
      id="cb-up-${tag.id}"
      aria-label=${t('codebook.moveUp', { name })}
      ?disabled=${up === null}
      @click=${() => void h.step(tag, -1)}
    >
      ${icon('arrow-upward')}
    </button>
    <button
      type="button"
      class="button button-tertiary"
      id="cb-down-${tag.id}"
      aria-label=${t('codebook.moveDown', { name })}
      ?disabled=${down === null}
      @click=${() => void h.step(tag, 1)}
    >
      ${icon('arrow-downward')}
    </button>
    <button
      type="button"
      class="button button-tertiary"
      id="cb-merge-${tag.id}"
      @click=${() => h.open({ kind: 'merge', id: tag.id })}
    >
      ${t('codebook.merge')}${hidden}
    </button>
    <button
      type="button"
      class="button button-tertiary"
      id="cb-archive-${tag.id}"
      @click=${() => void h.archive(tag, true)}
    >
      ${t('codebook.archive')}${hidden}
    </button>
  </div>`;
}

/** A tag of the tree, its panel when one is open on it, and its sub-tags. */
export function tagNode(h: CodebookHost, node: TreeNode<CodebookTag>): unknown {
  const tag = node.tag;
  const level = Math.min(6, tag.depth + 1);
  const p = h.panel;
  const open =
    p && p.kind !== 'add' && p.id === tag.id ? p.kind : p?.kind === 'add' && p.parentId === tag.id ? 'add' : null;
  const scenario = h.scenarioLabel(tag.scenarioId);
  const into = tag.mergedIntoId ? h.tag(tag.mergedIntoId) : undefined;
  const name = loc(tag.name);
  return html`<li data-tag-id=${tag.id}>
    <div class="sr-card sr-codebook-tag ${tag.archived ? 'sr-codebook-archived' : ''}">
      ${
        open === 'edit'
          ? h.form(tag, t('codebook.form.edit', { name }), level)
          : html`<div
                role="heading"
                aria-level=${level}
                class="h${Math.min(6, tag.depth + 2)}"
                id="cb-tag-${tag.id}"
                tabindex="-1"
              >
                <span lang=${locLang(tag.name)}>${name}</span>
              </div>
              <ul class="sr-meta">
                <li>${t('codebook.level', { depth: tag.depth })}</li>
                <li>${t('codebook.codings', { count: tag.codingCount })}</li>
                ${tag.proposedCount ? html`<li>${t('codebook.proposed', { count: tag.proposedCount })}</li>` : nothing}
                ${scenario ? html`<li>${t('codebook.scenario', { scenario })}</li>` : nothing}
                ${
                  tag.archived
                    ? html`<li>
                        <span class="badge badge-warning">${t('codebook.archived')}</span>
                        ${
                          tag.mergedIntoId
                            ? into
                              ? t('codebook.mergedInto', { name: loc(into.name) })
                              : t('codebook.mergedIntoGone')
                            : nothing
                        }
                      </li>`
                    : nothing
                }
              </ul>
              ${tagDetails(tag)} ${tagActions(h, tag)}`
      }
      ${open === 'move' ? movePanel(h, tag, level + 1) : nothing}
      ${open === 'merge' ? mergePanel(h, tag, level + 1) : nothing}
      ${open === 'add' ? h.form(null, t('codebook.form.addUnder', { name }), level + 1) : nothing}
    </div>
    ${
      node.children.length
        ? html`<ul class="sr-codebook-level">
            ${repeat(
              node.children,
              (c) => c.tag.id,
              (c) => tagNode(h, c),
            )}
          </ul>`
        : nothing
    }
  </li>`;
}
