import type { AuditEvent } from '../../server/modules/audit/audit.schemas.ts';
import type { CommentList } from '../../server/modules/comments/comments.schemas.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  ANALYST,
  api,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  signIn,
  tabTo,
  text,
  tr,
  typeOver,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForLoad,
  waitForText,
} from './browser.ts';
import { linkIn, type Debate, type ErrorBody, type Page as Listing, type Participant } from '../helpers/factory.ts';

// Moderation and the author's own changes to comments (issue #5 stories 2 and 4): a moderator
// hides a comment with a reason and restores it, the public, the author (by mail) and the audit log
// see it; the author edits and deletes until the deadline and is refused after it. Keyboard only,
// in Danish and English, with axe-core on every state.

const b = useBrowser();

/** Opens a paragraph's comment thread by keyboard and waits for one of its comments. */
async function openThread(page: Page, pid: string, commentId: string): Promise<void> {
  await tabTo(page, `#comments-toggle-${pid}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#comments-${pid}:not([hidden]) #comment-${commentId}`);
}

type Cast = { admin: BrowserContext; debate: Debate; author: Participant; authorCtx: BrowserContext };

/** For one describe block: a signed-in admin, a consultation of its own, and a signed-in participant. */
function debateWithAuthor(lang: Lang, slug: string, authorName: string): Cast {
  const cast = {} as Cast;
  beforeAll(async () => {
    cast.admin = await b.signedIn(lang, ADMIN);
    cast.debate = await b.f.newDebate(cast.admin, slug);
    cast.author = await b.f.newParticipant(cast.admin, lang, authorName);
    cast.authorCtx = await b.signedIn(lang, cast.author);
  });
  afterAll(async () => {
    await cast.admin?.close();
    await cast.authorCtx?.close();
  });
  return cast;
}

describe.each(journeyLangs('en'))('comment moderation (%s)', (lang: Lang) => {
  // The analyst moderates in Danish, the admin in English: both roles may.
  const MODERATOR = lang === 'da' ? ANALYST : ADMIN;
  const cast = debateWithAuthor(lang, `moderation-${lang}`, 'Forfatter');

  it('hides a comment with a reason and restores it; the public, the author and the audit log see it', async () => {
    const { admin, debate, author, authorCtx } = cast;
    const s = debate.scenarios[0]!;
    const pid = s.paragraphs[0]!;
    const body = `En kommentar, der bliver skjult (${lang})`;
    const reason = lang === 'da' ? 'Personoplysninger om en navngiven borger' : 'Personal data about a named citizen';
    const cid = (await b.f.newComment(authorCtx, s.id, body, { paragraphId: pid })).id;
    const mod = await b.newPage(lang);
    const anon = await b.newPage(lang);
    try {
      // The moderator opens the paragraph's thread and hides the comment.
      await open(mod.page, `/login?next=${encodeURIComponent(`/scenarios/${s.id}`)}`);
      await signIn(mod.page, MODERATOR.email, MODERATOR.password);
      await openThread(mod.page, pid, cid);
      await expectNoA11yViolations(mod.page, 'thread, moderator');
      await activate(mod.page, `#hide-${cid}`);
      await waitForFocus(mod.page, `#comment-${cid}-reason`);
      await expectNoA11yViolations(mod.page, 'hide form');
      // Without a reason it is refused, and focus goes back to the reason.
      await tabTo(mod.page, `#comment-${cid} .sr-comment-hide button[type="submit"]`);
      await mod.page.keyboard.press('Enter');
      await waitForFocus(mod.page, `#comment-${cid}-reason`);
      expect(await text(mod.page, `#comment-${cid}-error`)).toContain(
        tr(lang, 'errors.required', { field: tr(lang, 'comments.hideReason') }),
      );
      await expectNoA11yViolations(mod.page, 'hide form, reason missing');
      await mod.page.keyboard.type(reason);
      await tabTo(mod.page, `#comment-${cid} .sr-comment-hide button[type="submit"]`);
      await mod.page.keyboard.press('Enter');
      await waitForAnnouncement(mod.page, tr(lang, 'comments.hiddenDone'));
      await waitForFocus(mod.page, `#comment-${cid}`);
      expect(await text(mod.page, `#comment-${cid} .sr-comment-removed`)).toBe(
        tr(lang, 'comments.removedByModerator', { reason }),
      );
      // Staff still read what was hidden, marked as such.
      expect(await text(mod.page, `#comment-${cid} .sr-comment-body-hidden`)).toContain(body);
      expect(await mod.page.locator(`#hide-${cid}`).count()).toBe(0);
      expect(await mod.page.locator(`#restore-${cid}`).count()).toBe(1);
      await expectNoA11yViolations(mod.page, 'hidden comment, moderator');

      // Everyone else sees only that it was removed and why: no text, no author.
      await open(anon.page, `/scenarios/${s.id}`);
      await openThread(anon.page, pid, cid);
      expect(await text(anon.page, `#comment-${cid} .sr-comment-removed`)).toBe(
        tr(lang, 'comments.removedByModerator', { reason }),
      );
      expect(await anon.page.locator(`#comment-${cid} .sr-comment-body`).count()).toBe(0);
      expect(await text(anon.page, `#comment-${cid} .sr-comment-author`)).toBe(tr(lang, 'comments.someone'));
      expect(await anon.page.locator(`#comment-${cid}`).textContent()).not.toContain(body);
      await expectNoA11yViolations(anon.page, 'hidden comment, public');
      const list = await api<CommentList>(anon.context, 'GET', `/api/scenarios/${s.id}/comments`);
      expect(list.body.items.find((c) => c.id === cid)).toMatchObject({ body: null, author: null });

      // The author is told, in their language, with a link to the comment.
      const hiddenMail = await b.f.outboxMail(admin, author.email, 'comment.hidden');
      expect(hiddenMail.locale).toBe(lang);
      expect(hiddenMail.subject).toBe(lang === 'da' ? 'Din kommentar er skjult' : 'Your comment was hidden');
      expect(hiddenMail.text).toContain(reason);
      const link = linkIn(hiddenMail.text);
      expect(link).toBe(`/scenarios/${s.id}#comment-${cid}`);

      // Following the link opens the thread at the comment; its author still reads it, cannot change it.
      const mine = await authorCtx.newPage();
      try {
        await mine.goto(link);
        await waitForLoad(mine);
        await waitForFocus(mine, `#comment-${cid}`);
        expect(await mine.getAttribute(`#comments-${pid}`, 'hidden')).toBeNull();
        expect(await text(mine, `#comment-${cid} .sr-comment-removed`)).toBe(
          tr(lang, 'comments.removedByModerator', { reason }),
        );
        expect(await text(mine, `#comment-${cid} .sr-comment-body-hidden`)).toContain(body);
        expect(await mine.locator(`#edit-${cid}, #delete-${cid}, #restore-${cid}`).count()).toBe(0);
        await expectNoA11yViolations(mine, 'hidden comment, its author');
        expect(pageErrors(mine)).toEqual([]);
      } finally {
        await mine.close();
      }

      // The moderator restores it.
      await activate(mod.page, `#restore-${cid}`);
      await waitForAnnouncement(mod.page, tr(lang, 'comments.restoredDone'));
      await waitForFocus(mod.page, `#comment-${cid}`);
      expect(await text(mod.page, `#comment-${cid} .sr-comment-body`)).toBe(body);
      expect(await mod.page.locator(`#comment-${cid} .sr-comment-removed`).count()).toBe(0);
      expect(await mod.page.locator(`#hide-${cid}`).count()).toBe(1);
      await expectNoA11yViolations(mod.page, 'restored comment, moderator');

      await anon.page.reload();
      await waitForLoad(anon.page);
      await openThread(anon.page, pid, cid);
      expect(await text(anon.page, `#comment-${cid} .sr-comment-body`)).toBe(body);
      expect(await text(anon.page, `#comment-${cid} .sr-comment-author`)).toBe(author.displayName);
      await expectNoA11yViolations(anon.page, 'restored comment, public');

      const restoredMail = await b.f.outboxMail(admin, author.email, 'comment.restored');
      expect(restoredMail.subject).toBe(
        lang === 'da' ? 'Din kommentar er synlig igen' : 'Your comment is visible again',
      );
      expect(linkIn(restoredMail.text)).toBe(link);

      // The audit log keeps both, with who did it and why.
      const me = await api<{ id: string }>(mod.context, 'GET', '/api/auth/me');
      const audit = await api<Listing<AuditEvent>>(admin, 'GET', `/api/audit?itemType=comment&itemId=${cid}`);
      expect(audit.status).toBe(200);
      const events = audit.body.items;
      expect(events.find((e) => e.action === 'comment.hide')).toMatchObject({
        actorId: me.body.id,
        consultationId: debate.id,
        details: { reason, before: 'visible' },
      });
      expect(events.find((e) => e.action === 'comment.restore')).toMatchObject({
        actorId: me.body.id,
        details: { before: 'hidden' },
      });

      // …and an admin reads it on the audit page, in words rather than codes.
      const log = await b.newPage(lang);
      try {
        await open(log.page, '/login?next=%2Fadmin%2Faudit');
        await signIn(log.page, ADMIN.email, ADMIN.password);
        const row = log.page.locator(`#audit-table tr[data-action="comment.hide"][data-item-id="${cid}"]`);
        await row.waitFor();
        expect((await row.locator('td').nth(2).textContent())?.trim()).toBe(tr(lang, 'audit.action.comment.hide'));
        expect(await row.textContent()).toContain(reason);
        const restoreRow = log.page.locator(`#audit-table tr[data-action="comment.restore"][data-item-id="${cid}"]`);
        expect((await restoreRow.locator('td').nth(2).textContent())?.trim()).toBe(
          tr(lang, 'audit.action.comment.restore'),
        );
        await expectNoA11yViolations(log.page, 'audit log');
      } finally {
        await log.context.close();
      }
      expect(pageErrors(mod.page)).toEqual([]);
      expect(pageErrors(anon.page)).toEqual([]);
    } finally {
      await mod.context.close();
      await anon.context.close();
    }
  });
});

describe.each(journeyLangs('da'))('own comments and the deadline (%s)', (lang: Lang) => {
  // A consultation of its own: this test moves the deadline into the past.
  const cast = debateWithAuthor(lang, `deadline-${lang}`, 'Skribent');

  it('edits and deletes an own comment before the deadline; after it both are refused and the page is closed', async () => {
    const { admin, debate, author, authorCtx } = cast;
    const s = debate.scenarios[0]!;
    const first = `Min første kommentar (${lang})`;
    const edited = `Min første kommentar, rettet (${lang})`;
    const second = `Min anden kommentar (${lang})`;
    const firstId = (await b.f.newComment(authorCtx, s.id, first)).id;
    const secondId = (await b.f.newComment(authorCtx, s.id, second)).id;
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, `/login?next=${encodeURIComponent(`/scenarios/${s.id}`)}`);
      await signIn(page, author.email, author.password);
      await page.waitForSelector(`#comment-${secondId}`);

      // Edit: the field holds the text; the change is saved, announced and marked as edited.
      await activate(page, `#edit-${firstId}`);
      await waitForFocus(page, `#comment-${firstId}-edit`);
      expect(await page.inputValue(`#comment-${firstId}-edit`)).toBe(first);
      await expectNoA11yViolations(page, 'editing own comment');
      await typeOver(page, edited);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'comments.edited'));
      await waitForFocus(page, `#comment-${firstId}`);
      expect(await text(page, `#comment-${firstId} .sr-comment-body`)).toBe(edited);
      expect(await text(page, `#comment-${firstId}-head`)).toContain(tr(lang, 'comments.editedMark'));
      await expectNoA11yViolations(page, 'own comment edited');

      // Delete, after a confirmation.
      await activate(page, `#delete-${firstId}`);
      await waitForFocus(page, `#delete-confirm-${firstId}`);
      expect(await text(page, `#delete-q-${firstId}`)).toBe(tr(lang, 'comments.deleteQuestion'));
      await expectNoA11yViolations(page, 'confirming delete');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'comments.deleted'));
      await waitForFocus(page, '#scenario-comments-heading');
      expect(await page.locator(`#comment-${firstId}`).count()).toBe(0);
      expect(await text(page, '#comments-total')).toBe(tr(lang, 'comments.total', { count: 1 }));

      // The page stays open while the deadline passes (an admin moves it into the past).
      await activate(page, `#edit-${secondId}`);
      await waitForFocus(page, `#comment-${secondId}-edit`);
      await typeOver(page, `For sent (${lang})`);
      await b.f.setDeadline(admin, debate.id, new Date(Date.now() - 60_000));
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForFocus(page, `#comment-${secondId}-error`);
      expect(await text(page, `#comment-${secondId}-error`)).toContain(tr(lang, 'errors.code.CONSULTATION_CLOSED'));
      await expectNoA11yViolations(page, 'edit refused after the deadline');
      await tabTo(page, `#comment-${secondId} .sr-comment-edit button[type="button"]`);
      await page.keyboard.press('Enter');
      await waitForFocus(page, `#edit-${secondId}`);
      await activate(page, `#delete-${secondId}`);
      await waitForFocus(page, `#delete-confirm-${secondId}`);
      await page.keyboard.press('Enter');
      await waitForFocus(page, `#comment-${secondId}-error`);
      expect(await text(page, `#comment-${secondId}-error`)).toContain(tr(lang, 'errors.code.CONSULTATION_CLOSED'));

      // The server refuses both whatever the page shows, and the comment is as it was.
      const patch = await api<ErrorBody>(authorCtx, 'PATCH', `/api/comments/${secondId}`, { body: 'Alligevel' });
      expect([patch.status, patch.body.error.code]).toEqual([409, 'CONSULTATION_CLOSED']);
      const del = await api<ErrorBody>(authorCtx, 'DELETE', `/api/comments/${secondId}`);
      expect([del.status, del.body.error.code]).toEqual([409, 'CONSULTATION_CLOSED']);
      const list = await api<CommentList>(authorCtx, 'GET', `/api/scenarios/${s.id}/comments`);
      expect(list.body.items.find((c) => c.id === secondId)).toMatchObject({ body: second, canEdit: false });

      // Loaded again, the page is closed: a notice instead of the form, no edit, delete or reply.
      await page.reload();
      await waitForLoad(page);
      await page.waitForSelector(`#comment-${secondId}`);
      await waitForText(page, '#scenario-comments .alert-info .alert-text', tr(lang, 'comments.closedNotice'));
      expect(await page.locator(`#edit-${secondId}, #delete-${secondId}, #reply-${secondId}`).count()).toBe(0);
      expect(await page.locator('main textarea').count()).toBe(0);
      expect(await text(page, `#comment-${secondId} .sr-comment-body`)).toBe(second);
      // The paragraphs' threads say the same.
      await tabTo(page, `#comments-toggle-${s.paragraphs[0]}`);
      await page.keyboard.press('Enter');
      await waitForText(
        page,
        `#comments-${s.paragraphs[0]} .alert-info .alert-text`,
        tr(lang, 'comments.closedNotice'),
      );
      await expectNoA11yViolations(page, 'scenario page after the deadline');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
