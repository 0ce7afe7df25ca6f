/**
 * Injection, property-based: free-text answers carrying `{{`, `{%`, `${`, `$labels`, newlines, `: `,
 * `#`, quotes and backslashes. Every output file still parses, its structure (paths, documents, keys,
 * blocks) equals what a plain value gives, and the answer never becomes Jinja, Go-template, HCL or
 * PromQL code: the count of live template constructs in every file is unchanged.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseAllDocuments, visit, type Node } from 'yaml';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { EXAMPLES, exampleAnswers, renderAnswers } from './helpers/render.js';
import type { RenderedFile } from '../lib/render/files.js';

const PLAIN = 'Plain description';
const TOKENS = ['{{', '}}', '{%', '%}', '{#', '#}', '${', '%{', '$labels', '{{ $value }}', '\n', ': ', ' #', '"', "'", '\\', '`', '|', '- ', '&x', '*x', '!!python/object', '---', '...'];
const hostile = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 10 }).map((p) => p.join('').replace(/\u0000/g, ''));
const EVERYTHING = `x ${TOKENS.join(' y ')} {{ lookup('pipe','id') }} {% for x in y %} \${file("/etc/passwd")} {{ template "x" . }} up{job="a"} or vector(1)`;

/** Shape of a YAML node: maps and sequences with their keys, scalars reduced to their type. */
function shape(node: unknown): unknown {
  if (isMap(node)) return Object.fromEntries(node.items.map((pair) => [String(isScalar(pair.key) ? pair.key.value : '?'), shape(pair.value)]));
  if (isSeq(node)) return node.items.map(shape);
  if (isScalar(node)) return typeof node.value;
  return node === null || node === undefined ? null : '?';
}

function jsonShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonShape);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonShape(v)]));
  return typeof value;
}

/**
 * Go-template actions that are code: every `{{ ... }}` action, scanned as text/template's lexer does
 * (quoted and raw strings may contain `}}`), except a lone string literal such as `{{ "text" }}`,
 * which prints its text.
 */
function goActions(text: string): number {
  let count = 0;
  let i = text.indexOf('{{');
  while (i !== -1) {
    let j = i + 2;
    let body = '';
    while (j < text.length && !text.startsWith('}}', j)) {
      const ch = text[j]!;
      if (ch === '"' || ch === '`') {
        let k = j + 1;
        while (k < text.length && text[k] !== ch) k += ch === '"' && text[k] === '\\' ? 2 : 1;
        body += text.slice(j, k + 1);
        j = k + 1;
      } else {
        body += ch;
        j += 1;
      }
    }
    const inner = body.replace(/^-?\s*/, '').replace(/\s*-?$/, '');
    if (!/^"(?:[^"\\]|\\.)*"$/.test(inner) && !/^`[^`]*`$/.test(inner)) count += 1;
    i = text.indexOf('{{', j + 2);
  }
  return count;
}

/** Live Jinja constructs in a YAML file: openers in scalars that are not tagged !unsafe. */
function jinjaInYaml(content: string): number {
  let count = 0;
  for (const doc of parseAllDocuments(content)) {
    visit(doc, {
      Scalar(_, node) {
        if (node.tag === '!unsafe' || typeof node.value !== 'string') return;
        count += (node.value.match(/\{[{%#]/g) ?? []).length;
      },
    });
  }
  return count;
}

/** HCL interpolations and directives in parsed output (hcl2json keeps `$${` escapes as written). */
function hclLive(json: string): number {
  return (json.match(/(^|[^$%])[$%]\{/g) ?? []).length;
}

interface Fingerprint {
  shape: unknown;
  live: Record<string, number>;
  exprs?: string[];
}

async function fingerprint(file: RenderedFile): Promise<Fingerprint> {
  const { path, content } = file;
  if (/\.ya?ml$|^\.yamllint$/.test(path) && !path.includes('/templates/')) {
    const docs = parseAllDocuments(content, { customTags: [{ tag: '!unsafe', resolve: (v: string) => v }], version: '1.1' });
    for (const doc of docs) expect(doc.errors, path).toEqual([]);
    const exprs: string[] = [];
    for (const doc of docs) visit(doc, { Pair(_, pair) { if (isScalar(pair.key) && pair.key.value === 'expr' && isScalar(pair.value)) exprs.push(String(pair.value.value)); } });
    // Jinja is live only where Ansible reads the file; Go templates where Helm, Prometheus or
    // Alertmanager evaluate them (Chart.yaml or values files are data, not templates).
    const live: Record<string, number> = {};
    if (path.startsWith('ansible/')) live.jinja = jinjaInYaml(content);
    // (promtool test files hold expected output, which is data.)
    if (/^(monitoring\/prometheus\/rules\/|monitoring\/alertmanager\/|kubernetes\/monitoring\/)|\/templates\//.test(path)) live.go = goActions(content);
    return { shape: docs.map((d) => shape(d.contents as Node)), live, exprs };
  }
  if (path.endsWith('.json')) return { shape: jsonShape(JSON.parse(content)), live: { go: goActions(content) } };
  if (/\.(tf|tfvars|hcl)$/.test(path)) {
    const parsed = JSON.stringify(await parseHcl(path, content));
    return { shape: jsonShape(JSON.parse(parsed)), live: { hcl: hclLive(parsed) } };
  }
  return { shape: content.split('\n').length, live: { jinja: (content.match(/\{[{%#]/g) ?? []).length, go: goActions(content), hcl: (content.match(/[$%]\{/g) ?? []).length } };
}

async function fingerprints(description: string, example: string): Promise<Map<string, Fingerprint>> {
  const answers = { ...exampleAnswers(example), description };
  const files = await renderAnswers(answers);
  const out = new Map<string, Fingerprint>();
  for (const [path, file] of files) out.set(path, await fingerprint(file));
  return out;
}

/** Markdown and other prose may mention the text; only these parts must be equal. */
function comparable(fp: Fingerprint, path: string): Fingerprint {
  if (/\.md$/.test(path)) return { shape: fp.shape, live: {} };
  return fp;
}

describe.each(EXAMPLES)('injection through free-text answers: %s', (example) => {
  let plain: Map<string, Fingerprint>;
  const check = async (description: string) => {
    plain ??= await fingerprints(PLAIN, example);
    const hostileRender = await fingerprints(description, example);
    expect([...hostileRender.keys()]).toEqual([...plain.keys()]);
    for (const [path, fp] of hostileRender) expect(comparable(fp, path), `${path} with ${JSON.stringify(description)}`).toEqual(comparable(plain.get(path)!, path));
  };

  it('one value packing every hostile token', async () => {
    await check(EVERYTHING);
  });

  it('random hostile values (property-based)', async () => {
    for (const value of fc.sample(hostile, { numRuns: 6, seed: example.length })) await check(value);
  });
});
