/** What changed between two baselines, read from the package's CHANGELOG.md (one `## <version>` section each). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

export interface ChangelogSection {
  version: string;
  body: string;
}

export function parseChangelog(text: string): ChangelogSection[] {
  const sections: ChangelogSection[] = [];
  for (const chunk of text.split(/^## /m).slice(1)) {
    const newline = chunk.indexOf('\n');
    const version = /^\[?([0-9][^\]\s]*)/.exec(chunk)?.[1];
    if (version) sections.push({ version, body: chunk.slice(newline + 1).trim() });
  }
  return sections;
}

/** Sections newer than `from`, up to and including `to`, newest first. */
export function changesBetween(text: string, from: string, to: string): ChangelogSection[] {
  return parseChangelog(text)
    .filter((s) => compareVersions(s.version, from) > 0 && compareVersions(s.version, to) <= 0)
    .sort((a, b) => compareVersions(b.version, a.version));
}

export function readChangelog(): string {
  try {
    return readFileSync(join(packageRoot, 'CHANGELOG.md'), 'utf8');
  } catch {
    return '';
  }
}
