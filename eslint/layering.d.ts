import type { Rule } from 'eslint';

export declare const LAYERS: ReadonlyArray<{ name: string; prefix: string; folders: string[]; node: boolean; packages: { allow?: string[]; deny?: string[] } }>;
/** Why `spec` imported from `relFile` breaks the layering, or null. */
export declare function violation(relFile: string, spec: string): string | null;
export declare const layeringRule: Rule.RuleModule;
