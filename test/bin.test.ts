/**
 * The `fluxora` bin, spawned as users and CI run it (closed stdin): every example renders, bad input
 * exits 2 with nothing written, a re-run asks nothing and writes nothing.
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLES, readTree, renderExample, runBin } from './helpers/render.js';
import { packageRoot } from '../lib/paths.js';
import { MANIFEST_PATH, parseManifest, sha256 } from '../lib/baseline/manifest.js';

const example = (name: string) => join(packageRoot, 'examples', `${name}.yaml`);
const fresh = () => mkdtempSync(join(tmpdir(), 'fluxora-bin-'));

describe.each(EXAMPLES)('bin renders %s', (name) => {
  it('writes exactly the rendered files, the answers, the manifest and the pristine copy', async () => {
    const dir = fresh();
    const result = runBin(['--answers', example(name)], dir);
    expect(result.status, result.stderr).toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/fluxora: baseline .* created\)/);
    expect(output).toMatch(/files per component: /);
    expect(output).not.toMatch(/^\s*(error|warn)|✖|An error occured/im);
    const tree = readTree(dir);
    const expected = await renderExample(name);
    for (const [path, file] of expected) {
      expect(tree.get(path), path).toBe(file.content);
      expect(tree.get(`.fluxora/baseline/${path}`), path).toBe(file.content);
    }
    const manifest = parseManifest(tree.get(MANIFEST_PATH)!);
    expect(Object.keys(manifest.files).sort()).toEqual([...expected.keys()].sort());
    for (const [path, entry] of Object.entries(manifest.files)) expect(entry.sha256).toBe(sha256(expected.get(path)!.content));
    const extra = [...tree.keys()].filter((p) => !expected.has(p) && !p.startsWith('.fluxora/'));
    expect(extra).toEqual(['.yo-rc.json']);
    expect(JSON.parse(tree.get('.yo-rc.json')!)['generator-fluxora'].answers.service).toBeTypeOf('string');
  });
});

describe('bin behaviour', () => {
  it('re-runs from .yo-rc.json without asking and writes nothing', () => {
    const dir = fresh();
    expect(runBin(['--answers', example('internal-tool')], dir).status).toBe(0);
    const before = new Map(readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => [p, statSync(join(dir, p)).mtimeMs]));
    const again = runBin([], dir);
    expect(again.status).toBe(0);
    expect(again.stdout + again.stderr).toMatch(/\(\d+ identical\)/);
    const after = new Map(readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => [p, statSync(join(dir, p)).mtimeMs]));
    expect(after).toEqual(before);
  });

  it('rejects an invalid answers file with exit 2, every problem listed, and nothing written', () => {
    const dir = fresh();
    const file = join(tmpdir(), `bad-${Date.now()}.yaml`);
    writeFileSync(file, readFileSync(example('payments-api'), 'utf8').replace('accountId: "222222222222"', 'accountId: "2222"').replace('FIN-4410', 'FIN 4410'));
    const result = runBin(['--answers', file], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toContain('environments[1].accountId: has an invalid value');
    expect(result.stderr).toContain('costCenter: has an invalid value');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a missing or malformed answers file and bad usage with exit 2', () => {
    const dir = fresh();
    expect(runBin(['--answers', '/nonexistent/answers.yaml'], dir).status).toBe(2);
    const bad = join(tmpdir(), `malformed-${Date.now()}.yaml`);
    writeFileSync(bad, 'service: [unclosed\n');
    const malformed = runBin(['--answers', bad], dir);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/not valid YAML or JSON/);
    writeFileSync(bad, '- a list\n');
    expect(runBin(['--answers', bad], dir).status).toBe(2);
    expect(runBin(['nosuchgenerator'], dir).status).toBe(2);
    expect(runBin(['--no-such-flag'], dir).status).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without answers and without a terminal, lists what is missing instead of waiting', () => {
    const dir = fresh();
    const result = runBin([], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('service: is required');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts JSON answers with a $schema key', () => {
    const dir = fresh();
    const answers = parse(readFileSync(example('internal-tool'), 'utf8')) as Record<string, unknown>;
    const file = join(tmpdir(), `answers-${Date.now()}.json`);
    // A small component set keeps this spawn quick; the examples above cover full renders.
    const { kubernetes: _omitted, ...rest } = answers;
    writeFileSync(file, JSON.stringify({ $schema: '../schemas/answers.schema.json', ...rest, components: ['pipeline'] }));
    expect(runBin(['--answers', file], dir).status).toBe(0);
  });

  it('prints help and version', () => {
    expect(runBin(['--help'], tmpdir()).stdout).toContain('Usage: fluxora');
    expect(runBin(['--version'], tmpdir()).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
