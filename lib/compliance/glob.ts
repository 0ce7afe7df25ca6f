/** Minimal globbing over a repository's files: `*`, `**`, `?`, `{a,b}`. No dependency, POSIX paths. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform', '.fluxora']);

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i += 1;
        if (glob[i + 1] === '/') {
          i += 1;
          re += '(?:[^/]+/)*';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in glob ${glob}`);
      re += `(?:${glob.slice(i + 1, end).split(',').map(escapeRe).join('|')})`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(text: string): string {
  return text.replace(/[.+^$()|[\]\\{}*?]/g, '\\$&');
}

export function isGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

/** Every file below root (relative POSIX paths, sorted), skipping VCS, tool caches and `.fluxora/`. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) out.push(path);
    }
  };
  walk('');
  return out.sort();
}

export function matchFiles(pattern: string, files: readonly string[]): string[] {
  if (!isGlob(pattern)) return files.includes(pattern) ? [pattern] : [];
  const re = globToRegExp(pattern);
  return files.filter((f) => re.test(f));
}
