/**
 * Formatting with prettier for YAML, JSON and Markdown. Prettier is imported on first use only,
 * so a run that formats nothing does not pay for it.
 */
import { posix } from 'node:path';

type Prettier = typeof import('prettier');
let prettier: Promise<Prettier> | undefined;

const PARSERS: Record<string, string> = { '.yml': 'yaml', '.yaml': 'yaml', '.json': 'json', '.md': 'markdown' };

export function prettierParserFor(path: string): string | undefined {
  const base = posix.basename(path);
  if (base === '.yamllint') return 'yaml';
  return PARSERS[posix.extname(base)];
}

/** Formatting is a pure function of (parser, text): repeated renders in one process reuse it. */
const formatted = new Map<string, Promise<string>>();

export async function formatContent(path: string, content: string): Promise<string> {
  const parser = prettierParserFor(path);
  if (!parser) return content;
  const key = `${parser}\u0000${content}`;
  let result = formatted.get(key);
  if (!result) {
    prettier ??= import('prettier');
    result = prettier.then(({ format }) => format(content, { parser, proseWrap: 'preserve', printWidth: 100, endOfLine: 'lf' }));
    formatted.set(key, result);
    result.catch(() => formatted.delete(key));
  }
  return result;
}
