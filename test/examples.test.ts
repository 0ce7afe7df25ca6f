/**
 * Every example, rendered in full: one file snapshot per generated file (so a snapshot reads as the
 * IaC it is), the list of paths, determinism, and the invariants every file must keep.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES, renderAnswers, renderExample, exampleAnswers } from './helpers/render.js';
import { headerLines } from '../lib/render/header.js';
import { baselineVersion } from '../lib/paths.js';

describe.each(EXAMPLES)('example %s', (example) => {
  it('matches the file snapshots, one per generated file', async () => {
    const files = await renderExample(example);
    await expect([...files.keys()].join('\n') + '\n').toMatchFileSnapshot(`__file_snapshots__/${example}/_paths.txt`);
    for (const file of files.values()) {
      await expect(file.content).toMatchFileSnapshot(`__file_snapshots__/${example}/${file.path}`);
    }
  });

  it('renders the same bytes twice', async () => {
    const first = await renderAnswers(exampleAnswers(example));
    const second = await renderAnswers(exampleAnswers(example));
    expect([...second.entries()].map(([p, f]) => [p, f.content])).toEqual([...first.entries()].map(([p, f]) => [p, f.content]));
  });

  it('parses back: every YAML and JSON file is well-formed', async () => {
    const files = await renderExample(example);
    let checked = 0;
    for (const [path, file] of files) {
      if (/\.ya?ml$|^\.yamllint$/.test(path) && !path.includes('/templates/')) {
        for (const doc of parseAllDocuments(file.content)) expect(doc.errors, path).toEqual([]);
        checked += 1;
      } else if (path.endsWith('.json')) {
        expect(() => JSON.parse(file.content), path).not.toThrow();
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('gives every non-JSON file the header, and no file a placeholder or TODO', async () => {
    const files = await renderExample(example);
    const firstHeaderLine = headerLines(baselineVersion)[0]!;
    for (const [path, file] of files) {
      if (!path.endsWith('.json')) expect(file.content.split('\n').slice(0, 4).join('\n'), path).toContain(firstHeaderLine);
      expect(file.content, path).not.toMatch(/\b(TODO|FIXME|XXX|CHANGEME|REPLACE_ME|PLACEHOLDER)\b/);
      expect(file.content, path).not.toMatch(/\[object Object\]|\bundefined\b(?!_)/);
    }
  });
});
