import { RuleTester } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../eslint/no-foreign-repository.js';

// Each table has one owner (issue 9 item 2): the lint rule that refuses another module's repository.
// RuleTester reports through the test framework's hooks when it is given them.
Object.assign(RuleTester, { afterAll, describe, it, itOnly: it.only });

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const inQuestions = '/repo/server/modules/questions/questions.service.ts';
const inSubmission = '/repo/server/modules/responses/submission/submission.writer.ts';

tester.run('no-foreign-repository', plugin.rules['no-foreign-repository'], {
  valid: [
    { filename: inQuestions, code: "import * as repo from './questions.repository.ts';" },
    { filename: inQuestions, code: "import { hasResponses } from '../responses/responses.service.ts';" },
    { filename: inSubmission, code: "import { writeSubmissions } from './submission.repository.ts';" },
    { filename: inSubmission, code: "import * as repo from '../responses.repository.ts';" },
    { filename: '/repo/scripts/x.ts', code: "import { version } from '../package.json';" },
  ],
  invalid: [
    {
      filename: inQuestions,
      code: "import { anyResponse } from '../responses/responses.repository.ts';",
      errors: [{ messageId: 'foreign' }],
    },
    {
      filename: inSubmission,
      code: "import { insertAuditEvent } from '../../audit/audit.repository.ts';",
      errors: [{ messageId: 'foreign' }],
    },
    {
      filename: '/repo/server/modules/mail/mail.service.ts',
      code: "export { PLATFORM_SCOPE } from '../audit/audit.repository.ts';",
      errors: [{ messageId: 'foreign' }],
    },
  ],
});

// …and the rule that refuses naming another module's table in a query (Kysely or raw SQL): a module
// reads or writes it only through the fragments and values builders its owner exports.
const inComments = '/repo/server/modules/comments/comments.repository.ts';
tester.run('no-foreign-table', plugin.rules['no-foreign-table'], {
  valid: [
    { filename: inComments, code: "db.selectFrom('comments as c').innerJoin('commentSupports as s', 's.id', 'c.id');" },
    { filename: inComments, code: "db.select(displayNameOf('c.authorId').as('authorName'));" },
    { filename: inComments, code: 'sql`select count(*) from comment_supports s where s.comment_id = ${id}`;' },
    {
      filename: '/repo/server/modules/accounts/accounts.fragments.ts',
      code: 'sql`(select u.display_name from users u)`;',
    },
    { filename: '/repo/server/seed/demo.ts', code: "db.insertInto('users').values(v);" },
    { filename: inComments, code: "list.filter((u) => u).map((x) => x); 'select from users';" },
  ],
  invalid: [
    {
      filename: inComments,
      code: "db.selectFrom('comments as c').innerJoin('users as u', 'u.id', 'c.authorId');",
      errors: [{ messageId: 'foreign', data: { table: 'users', owner: 'accounts' } }],
    },
    {
      filename: inComments,
      code: "db.updateTable('consultations').set({ phase: 'open' });",
      errors: [{ messageId: 'foreign', data: { table: 'consultations', owner: 'consultations' } }],
    },
    {
      filename: '/repo/server/modules/responses/submission/submission.repository.ts',
      code: 'sql`with ins as (insert into mail_outbox (recipient) select 1) select 1`;',
      errors: [{ messageId: 'foreign', data: { table: 'mail_outbox', owner: 'mail' } }],
    },
    {
      filename: '/repo/server/modules/files/upload/upload.sweep.ts',
      code: 'sql`delete from attachments a using consultations c where c.id = a.consultation_id`;',
      errors: [{ messageId: 'foreign', data: { table: 'consultations', owner: 'consultations' } }],
    },
  ],
});

describe('every table has an owner', () => {
  it('names the module of each table the migrations create, and only those', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const created = new Set<string>();
    for (const f of await readdir('migrations')) {
      const text = await readFile(`migrations/${f}`, 'utf8');
      for (const m of text.matchAll(/createTable\('([a-z_]+)'/g)) created.add(m[1]!);
    }
    const { TABLE_OWNERS } = await import('../../eslint/no-foreign-repository.js');
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...created].sort());
  });
});
