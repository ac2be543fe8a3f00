// @ts-check
import path from 'node:path';

/**
 * Each table has one owning module (STYLE.md §1, issue 9): a module reaches another module's tables
 * only through that module's service (or a values builder it exports), never its repository. This
 * rule refuses a relative import of `server/modules/<other>/**\/*.repository.ts` from outside <other>.
 */
const moduleOf = (file) => /[\\/]server[\\/]modules[\\/]([^\\/]+)[\\/]/.exec(file)?.[1];

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Refuse importing another module's repository" },
    messages: {
      foreign:
        "'{{source}}' is the {{owner}} module's repository: go through its service (or a values builder it exports).",
    },
    schema: [],
  },
  create(context) {
    const from = context.filename;
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.') || !/\.repository(\.ts)?$/.test(source.value)) return;
      const owner = moduleOf(path.resolve(path.dirname(from), source.value));
      if (owner && owner !== moduleOf(from)) {
        context.report({ node: source, messageId: 'foreign', data: { source: source.value, owner } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/**
 * Which module owns each table (snake_case, as in the migrations; Kysely's camelCase names are
 * matched too). A table missing here fails `test/unit/table-owners.test.ts`.
 */
export const TABLE_OWNERS = {
  users: 'accounts',
  user_roles: 'accounts',
  sessions: 'accounts',
  account_tokens: 'participants',
  account_totp: 'accounts',
  account_recovery_codes: 'accounts',
  consultations: 'consultations',
  consultation_documents: 'consultations',
  consultation_phase_changes: 'consultations',
  scenarios: 'scenarios',
  scenario_versions: 'scenarios',
  scenario_status_changes: 'scenarios',
  questions: 'questions',
  responses: 'responses',
  answers: 'responses',
  response_versions: 'responses',
  attachments: 'files',
  document_files: 'files',
  comments: 'comments',
  comment_supports: 'comments',
  ballots: 'ballots',
  audit_events: 'audit',
  mail_outbox: 'mail',
  codebook_tags: 'analysis',
  codings: 'analysis',
  analysis_items: 'analysis',
  analysis_item_texts: 'analysis',
  analysis_index_state: 'analysis',
  consultation_analysts: 'analysis',
  analyst_limits: 'analysis',
  agreement_samples: 'analysis',
  agreement_sample_items: 'analysis',
  agreement_sample_coders: 'analysis',
  theme_runs: 'analysis',
  campaigns: 'analysis',
  campaign_members: 'analysis',
  campaign_signatures: 'analysis',
  campaign_runs: 'analysis',
  theme_candidates: 'analysis',
  response_imports: 'responses',
  response_import_rows: 'responses',
  inbox_exports: 'analysis',
  privacy_findings: 'analysis',
  privacy_scanned: 'analysis',
  privacy_scan_state: 'analysis',
  privacy_text_versions: 'analysis',
  identity_flows: 'identity',
  identity_links: 'identity',
  identity_pending: 'identity',
  response_verifications: 'identity',
  consultation_identity_rules: 'identity',
  stakeholder_inputs: 'stakeholder-inputs',
  stakeholder_input_files: 'stakeholder-inputs',
  parties: 'parties',
  party_list_settings: 'parties',
  consultation_parties: 'parties',
  party_invitations: 'parties',
  party_reminders: 'parties',
  party_match_rejections: 'parties',
  consultation_reviewers: 'reviews',
  review_rounds: 'reviews',
  scorecard_counts: 'reviews',
  review_round_scenarios: 'reviews',
  reviews: 'reviews',
  review_revisions: 'reviews',
  review_reminders: 'reviews',
  scenario_decisions: 'reviews',
  decision_approvals: 'reviews',
  user_test_sessions: 'findings',
  findings: 'findings',
  finding_sessions: 'findings',
  finding_evidence: 'findings',
  finding_imports: 'findings',
  theme_summaries: 'reports',
  theme_summary_sentences: 'reports',
  theme_summary_citations: 'reports',
  report_versions: 'reports',
  report_notices: 'reports',
};

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
/** Owner by table name, snake_case or camelCase. */
const OWNER = new Map(
  Object.entries(TABLE_OWNERS).flatMap(([t, o]) => [
    [t, o],
    [camel(t), o],
  ]),
);
const QUERY_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'mergeInto',
]);
const SQL_TABLE = /\b(?:from|join|into|update|using)\s+([a-z_][a-z0-9_]*)\b/gi;

/** @type {import('eslint').Rule.RuleModule} */
const tableRule = {
  meta: {
    type: 'problem',
    docs: { description: "Refuse naming another module's table in a query" },
    messages: {
      foreign:
        "'{{table}}' is the {{owner}} module's table: read or write it through that module's service, or a fragment or values builder it exports.",
    },
    schema: [],
  },
  create(context) {
    const here = moduleOf(context.filename);
    if (!here) return {};
    const check = (node, name) => {
      const table = name.split(/\s+as\s+|\s+/)[0];
      const owner = OWNER.get(table);
      if (owner && owner !== here) context.report({ node, messageId: 'foreign', data: { table, owner } });
    };
    return {
      CallExpression(node) {
        const callee = node.callee;
        const method =
          callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : null;
        const arg = node.arguments[0];
        if (method && QUERY_METHODS.has(method) && arg?.type === 'Literal' && typeof arg.value === 'string') {
          check(arg, arg.value);
        }
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag;
        const isSql =
          (tag.type === 'Identifier' && tag.name === 'sql') ||
          (tag.type === 'MemberExpression' && tag.object.type === 'Identifier' && tag.object.name === 'sql');
        if (!isSql) return;
        for (const quasi of node.quasi.quasis) {
          for (const m of quasi.value.cooked.matchAll(SQL_TABLE)) check(quasi, m[1]);
        }
      },
    };
  },
};

export default { rules: { 'no-foreign-repository': rule, 'no-foreign-table': tableRule } };
