import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Components do no I/O (README, "Where things go"; issue 9 item 4): pages fetch and save, and
 * components get the data as properties and the operations as a typed property (`CommentOps`,
 * `AttachmentOps`, `CodebookExchangeOps`) or raise typed events. So a file under
 * `client/src/components` may import from `client/src/api` only types (`import type`, or
 * `type` names) and the few values that do no I/O: constants, the ApiError class, and functions
 * that only build an address.
 */
const src = path.join(import.meta.dirname, '../../client/src');
const components = path.join(src, 'components');
const api = path.join(src, 'api');

/** Values of `client/src/api` a component may import: none of them talks to the server. */
const NO_IO = new Set([
  // Constants.
  'ACCEPT',
  'ACTING_AS',
  'CONSENTS',
  'QUESTION_KINDS',
  'IT_STAGES',
  'ROLES',
  // The error class components read a failure with.
  'ApiError',
  // Address builders (a link's href; the browser downloads it).
  'codebookExportUrl',
  'codebookQdcUrl',
  'codingsExportUrl',
  'projectExportUrl',
]);

/**
 * Components not yet moved to passed-in operations, with the request functions they still
 * import. The list only shrinks: a file not on it fails, and an entry that no longer matches
 * (the import is gone) fails too, so that it is taken off.
 */
const PENDING: Record<string, readonly string[]> = {};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const isApi = (file: string, spec: string) =>
  spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(api + path.sep);

/** The value names `file` takes from `client/src/api` (`*` for a namespace or bare import). */
function apiValueImports(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (isApi(file, node.moduleSpecifier.text)) {
        const clause = node.importClause;
        if (!clause) found.push('*');
        else if (!clause.isTypeOnly) {
          if (clause.name) found.push('default');
          const b = clause.namedBindings;
          if (b && ts.isNamespaceImport(b)) found.push('*');
          if (b && ts.isNamedImports(b)) {
            for (const el of b.elements) if (!el.isTypeOnly) found.push((el.propertyName ?? el.name).text);
          }
        }
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (isApi(file, node.moduleSpecifier.text) && !node.isTypeOnly) {
        const c = node.exportClause;
        if (!c || !ts.isNamedExports(c)) found.push('*');
        else for (const el of c.elements) if (!el.isTypeOnly) found.push((el.propertyName ?? el.name).text);
      }
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0]) &&
      isApi(file, node.arguments[0].text)
    ) {
      found.push('*');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('components do no I/O', () => {
  const offending = new Map<string, string[]>();
  for (const file of filesUnder(components)) {
    const names = apiValueImports(file, readFileSync(file, 'utf8')).filter((n) => !NO_IO.has(n));
    if (names.length) offending.set(path.relative(components, file).split(path.sep).join('/'), names.sort());
  }

  it('imports no request function from client/src/api (pages pass the operations in)', () => {
    const unexpected = [...offending].filter(([f]) => !(f in PENDING)).map(([f, names]) => `${f}: ${names.join(', ')}`);
    expect(unexpected).toEqual([]);
  });

  it('keeps the list of components still to move exact', () => {
    const pending = Object.fromEntries(Object.keys(PENDING).map((f) => [f, offending.get(f) ?? []]));
    expect(pending).toEqual(Object.fromEntries(Object.entries(PENDING).map(([f, n]) => [f, [...n].sort()])));
  });

  it('finds value imports and lets type imports through', () => {
    const file = path.join(components, 'x', 'y.ts');
    const text = [
      "import { listAllComments, type Thread } from '../../api/comments.ts';",
      "import type { Comment } from '../../api/comments.ts';",
      "import { ApiError } from '../../api/http.ts';",
      "import * as all from '../../api/codebook.ts';",
      "import { t } from '../../i18n/i18n.ts';",
      "export { setSupport } from '../../api/comments.ts';",
      "const lazy = () => import('../../api/files.ts');",
    ].join('\n');
    expect(apiValueImports(file, text)).toEqual(['listAllComments', 'ApiError', '*', 'setSupport', '*']);
  });
});
