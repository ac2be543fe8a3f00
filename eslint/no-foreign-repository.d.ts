import type { Rule } from 'eslint';

declare const plugin: { rules: { 'no-foreign-repository': Rule.RuleModule; 'no-foreign-table': Rule.RuleModule } };
export default plugin;
/** Which module owns each table (snake_case, as in the migrations). */
export declare const TABLE_OWNERS: Record<string, string>;
