import type { Rule } from 'eslint';

declare const plugin: { rules: { 'no-foreign-repository': Rule.RuleModule } };
export default plugin;
