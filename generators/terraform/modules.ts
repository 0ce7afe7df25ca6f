/**
 * The Terraform modules the baseline ships, and the README model of each one. Module code is copied
 * verbatim (it needs no answer); each README's inputs/outputs table is read from the module's own
 * variables.tf and outputs.tf, so the table can never drift from the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesRoot } from '../../lib/paths.js';

export interface ModuleSpec {
  name: string;
  /** Name of the module block in the environment roots. */
  callName: string;
  title: string;
  summary: string;
  /** One line per setting, naming the checkov id it satisfies. */
  secureDefaults: string[];
  /** Whether the module declares the AWS provider (every module but tagging). */
  usesAws: boolean;
  /** Files beyond main.tf, variables.tf, outputs.tf, versions.tf (paths below the module). */
  extraFiles?: string[];
}

/** The AWS provider range every module accepts; the environment roots pin one exact version. */
export const MODULE_AWS_PROVIDER_RANGE = '>= 5.84, < 6.0';
/** The exact AWS provider version the roots (environments, bootstrap) pin. */
export const PINNED_AWS_PROVIDER = '5.100.0';
export const REQUIRED_TERRAFORM = '>= 1.11';

export const MODULES: ModuleSpec[] = [
  {
    name: 'tagging',
    callName: 'tagging',
    title: 'Module: tagging',
    summary:
      'Pure Terraform (no provider): builds the name prefix and the nine required tags, and rejects invalid values through variable validation. The environment roots pass its tags output to the AWS provider as default_tags, so every taggable resource carries them. Its tests in tests/tagging.tftest.hcl run offline with terraform test.',
    secureDefaults: [
      "Required tags: Service, Team, Owner, CostCenter, Environment, DataClassification, ComplianceScope, ManagedBy, Repository, applied through the AWS provider default_tags; an AWS Organizations tag policy can enforce the same keys.",
      'Every value is validated: DNS-label service, slug team, e-mail owner, known data classification and frameworks, host/owner/name repository.',
      'additional_tags can add keys but never override a required one.',
    ],
    usesAws: false,
    extraFiles: ['tests/tagging.tftest.hcl'],
  },
];

export interface ReadmeInput {
  name: string;
  description: string;
  type: string;
  default: string;
  required: string;
}

export interface ReadmeOutput {
  name: string;
  description: string;
}

interface Block {
  name: string;
  body: string[];
}

/** Top-level blocks `<kind> "<name>" {` ... `}` of a terraform-fmt formatted file. */
function blocksOf(text: string, kind: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of text.split('\n')) {
    const start = new RegExp(`^${kind} "([A-Za-z0-9_-]+)" \\{$`).exec(line);
    if (start) {
      current = { name: start[1]!, body: [] };
      continue;
    }
    if (current && line === '}') {
      blocks.push(current);
      current = undefined;
      continue;
    }
    current?.body.push(line);
  }
  return blocks;
}

/** The expression of a top-level attribute of a block (two-space indent), collapsed to one line. */
function attribute(block: Block, name: string): string | undefined {
  const index = block.body.findIndex((l) => new RegExp(`^  ${name}\\s+= `).test(l));
  if (index < 0) return undefined;
  let expr = block.body[index]!.replace(new RegExp(`^  ${name}\\s+= `), '');
  let depth = (expr.match(/[[({]/g) ?? []).length - (expr.match(/[\])}]/g) ?? []).length;
  for (let i = index + 1; depth > 0 && i < block.body.length; i += 1) {
    const line = block.body[i]!.trim();
    expr += ` ${line}`;
    depth += (line.match(/[[({]/g) ?? []).length - (line.match(/[\])}]/g) ?? []).length;
  }
  return expr.replace(/\{ /g, '{ ').replace(/\s+/g, ' ').replace(/, \}/g, ' }').trim();
}

function unquote(expr: string | undefined): string {
  if (expr === undefined) return '';
  const match = /^"(.*)"$/.exec(expr);
  return match ? match[1]!.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : expr;
}

function moduleFile(module: string, file: string): string {
  return readFileSync(join(templatesRoot, 'terraform', 'modules', module, file), 'utf8');
}

/** The inputs table of a module, as terraform-docs would list it (sorted by name). */
export function moduleInputs(module: string): ReadmeInput[] {
  return blocksOf(moduleFile(module, 'variables.tf'), 'variable')
    .map((block) => {
      const def = attribute(block, 'default');
      return {
        name: block.name,
        description: unquote(attribute(block, 'description')),
        type: attribute(block, 'type') ?? 'any',
        default: def ?? 'n/a',
        required: def === undefined ? 'yes' : 'no',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function moduleOutputs(module: string): ReadmeOutput[] {
  return blocksOf(moduleFile(module, 'outputs.tf'), 'output')
    .map((block) => ({ name: block.name, description: unquote(attribute(block, 'description')) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function readmeModel(spec: ModuleSpec) {
  return {
    title: spec.title,
    summary: spec.summary,
    callName: spec.callName,
    source: `../../modules/${spec.name}`,
    secureDefaults: spec.secureDefaults,
    requiredVersion: REQUIRED_TERRAFORM,
    providers: spec.usesAws ? [{ name: 'aws', version: MODULE_AWS_PROVIDER_RANGE }] : [],
    inputs: moduleInputs(spec.name),
    outputs: moduleOutputs(spec.name),
  };
}
