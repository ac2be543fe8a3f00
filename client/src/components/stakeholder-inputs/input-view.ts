import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { InputFile, PublicInputList, StakeholderInput } from '../../api/stakeholder-inputs.ts';
import { formatBytes, formatDate } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/** A scenario as these views name it: its key and title in the reader's language. */
export type ScenarioName = { key: string; title: string };

type Party = StakeholderInput['parties'][number];

/** A day (YYYY-MM-DD) in the reader's language; noon, so no time zone moves it to another day. */
export const dayOf = (day: string) => formatDate(`${day}T12:00:00Z`);

/** "Aarhus Kommune (Municipality), Signicat (Business)". */
export const partiesText = (parties: readonly Party[]) =>
  parties.map((p) => (p.kind ? `${p.name} (${t(`sinput.partyKind.${p.kind}`)})` : p.name)).join(', ');

export const scenariosText = (ids: readonly string[], names: ReadonlyMap<string, ScenarioName>) =>
  ids
    .map((id) => names.get(id))
    .filter((s): s is ScenarioName => !!s)
    .map((s) => `${s.key} ${s.title}`)
    .join(', ');

const fileLink = (f: Pick<InputFile, 'url' | 'filename' | 'sizeBytes'>) =>
  html`<a href=${f.url} download=${f.filename}>${f.filename}</a> (${formatBytes(f.sizeBytes)})`;

/**
 * One published input on the public consultation page: kind, title, date, parties, scenarios, the
 * minutes (HTML the server rendered from Markdown and sanitised: no raw HTML, no script, links
 * rel="noopener") and its public files.
 */
function publishedInput(x: PublicInputList['items'][number], i: number, names: ReadonlyMap<string, ScenarioName>) {
  const scenarios = scenariosText(x.scenarioIds, names);
  return html`<li class="sr-card sr-stakeholder-input" id="public-input-${i + 1}">
    <article aria-labelledby="public-input-${i + 1}-title">
      <h3 class="h4" id="public-input-${i + 1}-title">${x.title}</h3>
      <dl class="sr-facts">
        <div>
          <dt>${t('sinput.heldOn')}</dt>
          <dd><time datetime=${x.heldOn}>${dayOf(x.heldOn)}</time> · ${t(`sinput.kind.${x.kind}`)}</dd>
        </div>
        ${
          x.parties.length
            ? html`<div>
                <dt>${t('sinput.parties')}</dt>
                <dd>${partiesText(x.parties)}</dd>
              </div>`
            : nothing
        }
        ${
          scenarios
            ? html`<div>
                <dt>${t('sinput.scenarios')}</dt>
                <dd>${scenarios}</dd>
              </div>`
            : nothing
        }
      </dl>
      ${
        x.minutesHtml
          ? html`<div class="sr-prose" role="region" aria-label=${`${t('sinput.minutes')}: ${x.title}`}>
              ${unsafeHTML(x.minutesHtml)}
            </div>`
          : html`<p class="sr-empty">${t('sinput.noMinutes')}</p>`
      }
      ${
        x.files.length
          ? html`<h4 class="h5">${t('sinput.files')}</h4>
              <ul>
                ${x.files.map((f) => html`<li>${fileLink(f)}</li>`)}
              </ul>`
          : nothing
      }
    </article>
  </li>`;
}

/** The public section "Meetings and written input"; nothing when none is published. */
export function publishedInputsSection(list: PublicInputList | undefined, names: ReadonlyMap<string, ScenarioName>) {
  if (!list || list.items.length === 0) return nothing;
  return html`<section class="sr-section" aria-labelledby="stakeholder-inputs-heading" id="stakeholder-inputs">
    <h2 id="stakeholder-inputs-heading">${t('sinput.publicHeading')}</h2>
    <p>${t('sinput.publicIntro')}</p>
    <ul class="sr-card-list nobullet-list">
      ${list.items.map((x, i) => publishedInput(x, i, names))}
    </ul>
  </section>`;
}
