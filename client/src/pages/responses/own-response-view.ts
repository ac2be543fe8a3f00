import { html, nothing } from 'lit';
import type { Question } from '../../api/questions.ts';
import type { OwnResponse } from '../../api/responses.ts';
import type { ScenarioSummary } from '../../api/types.ts';
import { answerList } from '../../components/responses/question-fields.ts';
import type { ResponseValue } from '../../data/response-model.ts';
import { formatBytes } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/** The form's value for a saved response: what the edit form starts from. */
export const valueOf = (r: OwnResponse): ResponseValue => ({
  name: r.respondent.name,
  email: r.respondent.email ?? '',
  actingAs: r.respondent.actingAs,
  organisationName: r.respondent.organisationName ?? '',
  cvr: r.respondent.cvr ?? '',
  consent: r.consent,
  body: r.body,
  answers: Object.fromEntries(r.answers.map((a) => [a.questionId, a.value as ResponseValue['answers'][string]])),
  attachments: r.attachments.map((a) => ({
    id: a.id,
    filename: a.filename,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
  })),
});

/** The response as it was last saved (read only), with its answers and files. */
export function ownResponseView(
  data: { response: OwnResponse; questions: Question[]; scenarios: ScenarioSummary[] },
  fileUrl: (attachmentId: string) => string,
) {
  const r = data.response;
  return html`<section class="sr-section" aria-labelledby="edit-view-heading">
    <h2 id="edit-view-heading">${t('edit.yourResponse')}</h2>
    <dl class="sr-facts">
      <div>
        <dt>${t('resp.name')}</dt>
        <dd id="edit-name">${r.respondent.name}</dd>
      </div>
      <div>
        <dt>${t('resp.email')}</dt>
        <dd>${r.respondent.email ?? t('common.notSet')}</dd>
      </div>
      <div>
        <dt>${t('resp.actingAs')}</dt>
        <dd>${t(`resp.actingAs.${r.respondent.actingAs}`)}</dd>
      </div>
      ${
        r.respondent.organisationName
          ? html`<div>
              <dt>${t('resp.organisation')}</dt>
              <dd>${r.respondent.organisationName}${r.respondent.cvr ? ` (CVR ${r.respondent.cvr})` : ''}</dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${t('resp.consent')}</dt>
        <dd>${t(`resp.consent.${r.consent}`)}</dd>
      </div>
      <div>
        <dt>${t('edit.publication')}</dt>
        <dd id="edit-publication">
          ${
            // A withdrawn response is never published, whatever its last review said (issue 10 item 16).
            r.status === 'withdrawn' ? t('edit.publicationWithdrawn') : t(`publication.status.${r.publicationStatus}`)
          }
        </dd>
      </div>
    </dl>
    ${answerList(data.questions, r.answers, data.scenarios)}
    ${
      r.body
        ? html`<h3>${t('resp.body')}</h3>
            <div class="sr-response-body" id="edit-body">${r.body}</div>`
        : nothing
    }
    ${
      r.attachments.length
        ? html`<h3>${t('files.label')}</h3>
            <ul class="sr-file-list">
              ${r.attachments.map(
                (a) =>
                  html`<li>
                    <a href=${fileUrl(a.id)} download>${a.filename}</a>
                    (${formatBytes(a.sizeBytes)})
                  </li>`,
              )}
            </ul>`
        : nothing
    }
  </section>`;
}
