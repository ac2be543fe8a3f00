import { describe, expect, it } from 'vitest';
import { canComment, type CommentAction } from '../../server/modules/comments/comments.policy.ts';
import {
  checkReplyParent,
  type CommentRecord,
  findParagraph,
  paragraphIdsOf,
  presentComment,
  type ViewContext,
} from '../../server/modules/comments/comments.rules.ts';
import { CreateCommentBody, ModerationBody } from '../../server/modules/comments/comments.schemas.ts';
import type { Actor } from '../../server/shared/actor.ts';
import type { Role } from '../../server/shared/schemas.ts';

const record = (over: Partial<CommentRecord> = {}): CommentRecord => ({
  id: 'c1',
  scenarioId: 's1',
  authorId: 'author',
  authorName: 'Ada',
  parentId: null,
  paragraphId: 'p-1a2b3c4d',
  paragraphText: { da: 'Det oprindelige afsnit.', en: 'The original paragraph.' },
  scenarioVersion: 1,
  body: 'Secret words',
  status: 'visible',
  hiddenReason: null,
  createdAt: new Date('2026-11-25T10:00:00Z'),
  editedAt: null,
  supportCount: 3,
  supportedByMe: true,
  ...over,
});
const ctx = (over: Partial<ViewContext> = {}): ViewContext => ({
  viewerId: null,
  moderator: false,
  acceptsInput: true,
  currentParagraphIds: new Set(['p-1a2b3c4d']),
  ...over,
});

describe('presentComment', () => {
  it('shows a visible comment to everyone, with the viewer’s own marks', () => {
    const v = presentComment(record(), ctx({ viewerId: 'someone' }));
    expect(v).toMatchObject({
      body: 'Secret words',
      author: { displayName: 'Ada' },
      supportCount: 3,
      supportedByMe: true,
    });
    expect(v).toMatchObject({ mine: false, canEdit: false, canSupport: true });
    expect(presentComment(record(), ctx({ viewerId: 'author' }))).toMatchObject({
      mine: true,
      canEdit: true,
      canSupport: false,
    });
    expect(presentComment(record(), ctx())).toMatchObject({ canSupport: false, canEdit: false });
  });

  it('shows a hidden comment to the public only as removed, with the reason', () => {
    const hidden = record({ status: 'hidden', hiddenReason: 'Personal data' });
    const v = presentComment(hidden, ctx({ viewerId: 'someone' }));
    expect(v).toMatchObject({
      status: 'hidden',
      hiddenReason: 'Personal data',
      body: null,
      author: null,
      supportCount: 0,
      supportedByMe: false,
    });
    expect(v.canSupport).toBe(false);
    expect(JSON.stringify(v)).not.toContain('Secret');
  });

  it('lets moderators and the author still read a hidden comment, but not edit it', () => {
    const hidden = record({ status: 'hidden', hiddenReason: 'Personal data' });
    expect(presentComment(hidden, ctx({ moderator: true, viewerId: 'mod' })).body).toBe('Secret words');
    expect(presentComment(hidden, ctx({ viewerId: 'author' }))).toMatchObject({
      body: 'Secret words',
      mine: true,
      canEdit: false,
    });
  });

  it('shows a deleted comment as removed to everyone, moderators included', () => {
    const gone = record({ status: 'deleted', body: '' });
    for (const c of [ctx(), ctx({ moderator: true }), ctx({ viewerId: 'author' })]) {
      expect(presentComment(gone, c)).toMatchObject({
        status: 'deleted',
        body: null,
        author: null,
        mine: false,
        canEdit: false,
        hiddenReason: null,
      });
    }
  });

  it('marks an anchor outdated when its paragraph left the current version, keeping its text', () => {
    const v = presentComment(record({ scenarioVersion: 2 }), ctx({ currentParagraphIds: new Set(['p-99999999']) }));
    expect(v.anchor).toEqual({
      paragraphId: 'p-1a2b3c4d',
      version: 2,
      text: { da: 'Det oprindelige afsnit.', en: 'The original paragraph.' },
      outdated: true,
    });
    expect(presentComment(record(), ctx()).anchor?.outdated).toBe(false);
    expect(presentComment(record({ paragraphId: null, paragraphText: null }), ctx()).anchor).toBeNull();
  });

  it('closes editing and support at the deadline', () => {
    expect(presentComment(record(), ctx({ viewerId: 'author', acceptsInput: false })).canEdit).toBe(false);
    expect(presentComment(record(), ctx({ viewerId: 'x', acceptsInput: false })).canSupport).toBe(false);
  });
});

describe('checkReplyParent', () => {
  const parent = { scenarioId: 's1', parentId: null, status: 'visible' as const };
  it.each([
    ['a visible top-level comment of the scenario', parent, true],
    ['a missing comment', undefined, false],
    ['a deleted comment', { ...parent, status: 'deleted' as const }, false],
    ['a hidden comment', { ...parent, status: 'hidden' as const }, false],
    ['a reply (one level only)', { ...parent, parentId: 'c0' }, false],
    ['a comment on another scenario', { ...parent, scenarioId: 's2' }, false],
  ])('%s → %s', (_n, p, ok) => {
    expect(checkReplyParent(p, 's1').ok).toBe(ok);
  });
});

describe('paragraphs', () => {
  const paragraphs = {
    da: [
      { id: 'p-aaaaaaaa', text: 'Dansk' },
      { id: 'p-dddddddd', text: 'Kun dansk' },
    ],
    en: [
      { id: 'p-aaaaaaaa', text: 'English' },
      { id: 'p-bbbbbbbb', text: 'English only' },
    ],
  };
  it('finds a paragraph’s text in each language that has it', () => {
    expect(findParagraph(paragraphs, 'p-aaaaaaaa')).toEqual({ da: 'Dansk', en: 'English' });
    expect(findParagraph(paragraphs, 'p-dddddddd')).toEqual({ da: 'Kun dansk', en: null });
    expect(findParagraph(paragraphs, 'p-bbbbbbbb')).toEqual({ da: null, en: 'English only' });
    expect(findParagraph(paragraphs, 'p-cccccccc')).toBeUndefined();
    expect([...paragraphIdsOf(paragraphs)]).toEqual(['p-aaaaaaaa', 'p-dddddddd', 'p-bbbbbbbb']);
  });
});

describe('canComment', () => {
  const a = (id: string, ...roles: Role[]): Actor => ({ id, email: `${id}@x.example`, displayName: id, roles });
  const own = { authorId: 'p' };
  const WHO = {
    anonymous: null,
    author: a('p', 'participant'),
    other: a('q', 'participant'),
    reviewer: a('r', 'reviewer'),
    analyst: a('an', 'analyst'),
    admin: a('ad', 'admin'),
  };
  const expected: Record<CommentAction, (keyof typeof WHO)[]> = {
    create: ['author', 'other', 'reviewer', 'analyst', 'admin'],
    edit: ['author'],
    delete: ['author'],
    support: ['other', 'reviewer', 'analyst', 'admin'],
    moderate: ['analyst', 'admin'],
    readHidden: ['author', 'analyst', 'admin'],
  };
  for (const [action, allowed] of Object.entries(expected) as [CommentAction, (keyof typeof WHO)[]][]) {
    for (const who of Object.keys(WHO) as (keyof typeof WHO)[]) {
      it(`${who} ${allowed.includes(who) ? 'may' : 'may not'} ${action}`, () => {
        expect(canComment(WHO[who], action, own)).toBe(allowed.includes(who));
      });
    }
  }
});

describe('comment schemas', () => {
  it('trims the body and refuses blank, over-long or NUL text', () => {
    expect(CreateCommentBody.parse({ body: '  hej  ' }).body).toBe('hej');
    for (const body of ['   ', 'x'.repeat(5001), 'a\u0000b'])
      expect(CreateCommentBody.safeParse({ body }).success).toBe(false);
    expect(CreateCommentBody.safeParse({ body: 'x'.repeat(5000) }).success).toBe(true);
  });

  it('needs a reason to hide, not to restore', () => {
    expect(ModerationBody.safeParse({ action: 'hide' }).success).toBe(false);
    expect(ModerationBody.safeParse({ action: 'hide', reason: 'Rude' }).success).toBe(true);
    expect(ModerationBody.safeParse({ action: 'restore' }).success).toBe(true);
  });
});
