import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
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
