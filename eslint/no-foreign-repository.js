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

export default { rules: { 'no-foreign-repository': rule } };
