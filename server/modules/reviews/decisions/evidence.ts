import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { readTag } from '../../analysis/codebook/codebook.service.ts';
import { getConsultation } from '../../consultations/consultations.service.ts';
import * as rounds from '../rounds/rounds.repository.ts';
import type { Evidence } from '../reviews.schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ITEM_KINDS = 'response|comment|finding|stakeholder_input';

/**
 * Checks the evidence a decision cites (issue 14 story 4) against this consultation: a theme is one
 * of its codebook tags, a review one of its positions, a document one of its documents (id or URL),
 * a ranking its results page (`/consultations/<slug or id>/results…`), an item its inbox item page
 * (`/admin/consultations/<slug or id>/inbox/<kind>/<id>`). Findings are another module's, still to
 * come: their ids are kept as given. Returns the refs that fail, with why.
 */
export async function invalidEvidence(
  db: Db,
  actor: Actor | null,
  c: { id: string; slug: string },
  evidence: readonly { path: string; ref: Evidence }[],
): Promise<{ path: string; ref: string; reason: string }[]> {
  const bad: { path: string; ref: string; reason: string }[] = [];
  const ours = `(?:${c.id}|${c.slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`;
  let documents: { id: string; url: string }[] | undefined;
  for (const { path, ref: e } of evidence) {
    const fail = (reason: string) => bad.push({ path, ref: e.ref, reason });
    switch (e.kind) {
      case 'theme': {
        if (!UUID.test(e.ref)) fail('not a tag id');
        else {
          const tag = await readTag(db, e.ref).catch(() => null);
          if (!tag || tag.consultationId !== c.id) fail('no such theme in this consultation');
        }
        break;
      }
      case 'review': {
        if (!UUID.test(e.ref) || !(await rounds.findReviewById(db, c.id, e.ref))) {
          fail('no such review in this consultation');
        }
        break;
      }
      case 'document': {
        documents ??= (await getConsultation(db, actor, c.id)).documents;
        if (!documents.some((d) => d.id === e.ref || d.url === e.ref)) fail('no such document in this consultation');
        break;
      }
      case 'ranking':
        if (!new RegExp(`^/(?:api/)?consultations/${ours}/results(?:[/?#].*)?$`).test(e.ref)) {
          fail("not this consultation's ranking results");
        }
        break;
      case 'item':
        if (!new RegExp(`^/admin/consultations/${ours}/inbox/(?:${ITEM_KINDS})/[0-9a-f-]{36}$`, 'i').test(e.ref)) {
          fail("not an item of this consultation's inbox");
        }
        break;
      case 'finding':
        // Findings (server/modules/findings) are being built: an opaque id until they can be checked.
        break;
    }
  }
  return bad;
}
