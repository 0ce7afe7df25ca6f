/**
 * Terraform, fast tier: every generated .tf parses (@cdktf/hcl2json); module READMEs list exactly the
 * module's variables and outputs; every variable is typed (never any), described and, where asked,
 * validated; backend, versions, providers and required tags of every environment of every example;
 * a reference check; and the checkov policy suite, each check with a mutation twin.
 */
import { parse } from '@cdktf/hcl2json';
import { posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, exampleAnswers, renderExample } from './helpers/render.js';

type Json = Record<string, unknown>;
/** Parsed HCL per file path (only .tf, .tfvars and .tftest.hcl files below terraform/). */
type Tree = Map<string, Json>;

const TERRAFORM_EXAMPLES = EXAMPLES.filter((e) => (exampleAnswers(e).components as string[] | undefined)?.includes('terraform') ?? true);

async function parseTree(files: Map<string, { content: string }>): Promise<Tree> {
  const tree: Tree = new Map();
  for (const [path, file] of files) {
    if (!path.startsWith('terraform/')) continue;
    if (!/\.(tf|tfvars|tftest\.hcl)$/.test(path)) continue;
    tree.set(path, (await parse(posix.basename(path), file.content)) as Json);
  }
  return tree;
}

/** Blocks of a kind (`variable`, `output`, `module`, `locals`...) in one parsed file, by label. */
function labelled(file: Json | undefined, kind: string): Record<string, Json> {
  const section = file?.[kind] as Record<string, Json[]> | undefined;
  if (!section) return {};
  return Object.fromEntries(Object.entries(section).map(([name, list]) => [name, list[0]!]));
}

function dirsOf(tree: Tree, prefix: string): string[] {
  return [...new Set([...tree.keys()].filter((p) => p.startsWith(prefix)).map((p) => posix.dirname(p)))].filter((d) => !d.endsWith('/tests')).sort();
}

/** Everything of one kind declared across the .tf files of a directory. */
function declared(tree: Tree, dir: string, kind: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [path, file] of tree) if (posix.dirname(path) === dir && path.endsWith('.tf')) Object.assign(out, labelled(file, kind));
  return out;
}

describe.each(TERRAFORM_EXAMPLES)('terraform: %s', (example) => {
  let files: Map<string, { content: string }>;
  let tree: Tree;
  beforeAll(async () => {
    files = await renderExample(example);
    tree = await parseTree(files);
  });

  it('parses every generated .tf, .tfvars and .tftest.hcl file', () => {
    const hcl = [...files.keys()].filter((p) => p.startsWith('terraform/') && /\.(tf|tfvars|hcl)$/.test(p));
    expect(hcl.length).toBeGreaterThan(0);
    expect([...tree.keys()].sort()).toEqual(hcl.sort());
  });

  it('gives every module main.tf, variables.tf, outputs.tf, versions.tf and a README with the terraform-docs markers', () => {
    const modules = dirsOf(tree, 'terraform/modules/');
    expect(modules.length).toBeGreaterThan(0);
    for (const dir of modules) {
      for (const name of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) expect(tree.has(`${dir}/${name}`), `${dir}/${name}`).toBe(true);
      const readme = files.get(`${dir}/README.md`)?.content ?? '';
      expect(readme, dir).toMatch(/<!-- BEGIN_TF_DOCS -->[\s\S]*## Inputs[\s\S]*## Outputs[\s\S]*<!-- END_TF_DOCS -->/);
      expect(readme, dir).toContain('## Secure defaults');
    }
  });

  it('lists in each module README exactly the variables and outputs the module declares', () => {
    for (const dir of dirsOf(tree, 'terraform/modules/')) {
      const readme = files.get(`${dir}/README.md`)!.content;
      const docs = readme.slice(readme.indexOf('<!-- BEGIN_TF_DOCS -->'));
      const tableNames = (heading: string) => {
        const section = docs.slice(docs.indexOf(`## ${heading}`)).split('\n## ')[0]!;
        return section
          .split('\n')
          .filter((l) => l.startsWith('| ') && !/^\| (Name|-)/.test(l))
          .map((l) => l.split('|')[1]!.trim().replace(/\\_/g, '_'))
          .filter((n) => !n.startsWith('-'))
          .sort();
      };
      expect(tableNames('Inputs'), `${dir} inputs`).toEqual(Object.keys(declared(tree, dir, 'variable')).sort());
      expect(tableNames('Outputs'), `${dir} outputs`).toEqual(Object.keys(declared(tree, dir, 'output')).sort());
    }
  });

  it('types and describes every variable (never any) and describes every output', () => {
    let count = 0;
    for (const [path, file] of tree) {
      if (!path.endsWith('.tf')) continue;
      for (const [name, variable] of Object.entries(labelled(file, 'variable'))) {
        count += 1;
        expect(typeof variable.type, `${path}: var.${name} type`).toBe('string');
        expect(String(variable.type), `${path}: var.${name}`).not.toMatch(/\bany\b/);
        expect(String(variable.description ?? '').length, `${path}: var.${name} description`).toBeGreaterThan(10);
      }
      for (const [name, output] of Object.entries(labelled(file, 'output'))) {
        expect(String(output.description ?? '').length, `${path}: output.${name} description`).toBeGreaterThan(10);
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('ships offline tests for the tagging module that cover every rejected input', () => {
    const tests = tree.get('terraform/modules/tagging/tests/tagging.tftest.hcl');
    const runs = labelled(tests, 'run');
    const failures = Object.values(runs).flatMap((r) => (r.expect_failures as string[] | undefined) ?? []);
    const validated = Object.entries(declared(tree, 'terraform/modules/tagging', 'variable'))
      .filter(([, v]) => Array.isArray(v.validation))
      .map(([name]) => `\${var.${name}}`);
    for (const name of validated) expect(failures, name).toContain(name);
  });
});
