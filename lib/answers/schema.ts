import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv as createBaseAjv } from '../ajv.js';
import { schemasRoot } from '../paths.js';
import { isCidr, isPrivateVpcCidr } from './formats.js';
import type { Answers } from './types.js';

export interface SchemaNode {
  [keyword: string]: unknown;
  type?: string;
  allOf?: SchemaNode[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  'x-prompt'?: { message: string };
  'x-message'?: string;
  'x-field'?: string;
}

export const answersSchema = JSON.parse(readFileSync(join(schemasRoot, 'answers.schema.json'), 'utf8')) as SchemaNode;

function createAjv(useDefaults: boolean): Ajv2020 {
  const ajv = createBaseAjv({ $data: true, useDefaults, allowMatchingProperties: true }, ['email', 'hostname']);
  ajv.addFormat('cidr', { type: 'string', validate: isCidr });
  ajv.addFormat('private-cidr', { type: 'string', validate: isPrivateVpcCidr });
  ajv.addVocabulary(['x-prompt', 'x-message', 'x-field']);
  ajv.addKeyword({
    keyword: 'uniqueBy',
    type: 'array',
    schemaType: 'string',
    error: { message: (cxt) => `must not repeat the same \`${String(cxt.schema)}\`` },
    validate: (key: string, data: unknown[]) => {
      const seen = new Set<unknown>();
      for (const item of data) {
        const value = (item as Record<string, unknown> | null)?.[key];
        if (value === undefined) continue;
        if (seen.has(value)) return false;
        seen.add(value);
      }
      return true;
    },
  });
  return ajv;
}

let strictValidator: ValidateFunction | undefined;
let defaultsValidator: ValidateFunction | undefined;

/** One problem with the answers, in plain words, naming the field. */
export interface Problem {
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; answers: Answers } | { ok: false; problems: Problem[] };

/**
 * Validate raw answers (from prompts, an answers file or .yo-rc.json). Validation runs on the answers
 * as given; defaults are applied afterwards to a copy, so a default never satisfies or breaks a rule.
 */
export function validateAnswers(raw: unknown): ValidationResult {
  strictValidator ??= createAjv(false).compile(answersSchema);
  if (!strictValidator(raw)) {
    return { ok: false, problems: describeErrors(strictValidator.errors ?? []) };
  }
  return { ok: true, answers: applyDefaults(raw) };
}

/** The answers with every schema default filled in. Input must already be valid. */
export function applyDefaults(raw: unknown): Answers {
  defaultsValidator ??= createAjv(true).compile(answersSchema);
  const copy = structuredClone(raw);
  if (!defaultsValidator(copy)) {
    throw new Error(`answers became invalid after applying defaults: ${JSON.stringify(defaultsValidator.errors)}`);
  }
  return copy as Answers;
}

/** Turn ajv errors into one plain sentence per failing field, deduplicated and sorted. */
export function describeErrors(errors: ErrorObject[]): Problem[] {
  const problems = new Map<string, Problem>();
  for (const error of errors) {
    const problem = describeError(error);
    if (problem) problems.set(`${problem.field}\u0000${problem.message}`, problem);
  }
  return [...problems.values()].sort((a, b) => a.field.localeCompare(b.field) || a.message.localeCompare(b.message));
}

function describeError(error: ErrorObject): Problem | undefined {
  const crossField = crossFieldRule(error.schemaPath);
  if (crossField !== undefined) {
    // One problem per cross-field rule, named by the rule's own `x-field`.
    return { field: crossField['x-field'] ?? '(answers)', message: crossField['x-message'] ?? 'violates a cross-field rule' };
  }
  const node = schemaNodeAt(error.schemaPath);
  const rule = node?.description ? ` (${node.description})` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: fieldName(error.instancePath, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return {
        field: fieldName(error.instancePath, String(params.additionalProperty)),
        message: 'is not a known answer (check its spelling against the answers table)',
      };
    case 'enum':
      return {
        field: fieldName(error.instancePath),
        message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    case 'type':
      return { field: fieldName(error.instancePath), message: `must be ${article(String(params.type))}${rule}` };
    case 'pattern':
    case 'format':
      return { field: fieldName(error.instancePath), message: `has an invalid value${rule}` };
    case 'maxLength':
      return { field: fieldName(error.instancePath), message: `must be at most ${String(params.limit)} characters long` };
    case 'minLength':
      return { field: fieldName(error.instancePath), message: `must be at least ${String(params.limit)} characters long` };
    case 'minItems':
      return { field: fieldName(error.instancePath), message: `must list at least ${String(params.limit)} item(s)` };
    case 'maxItems':
      return { field: fieldName(error.instancePath), message: `must list at most ${String(params.limit)} item(s)` };
    case 'uniqueItems':
      return { field: fieldName(error.instancePath), message: 'must not list the same value twice' };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' };
      // A limit taken from another answer ($data) is named after that answer.
      const ref = (node?.[error.keyword] as { $data?: string } | undefined)?.$data;
      const limit = ref ? `${ref.split('/').at(-1)} (${String(params.limit)})` : String(params.limit);
      return { field: fieldName(error.instancePath), message: `must be ${words[error.keyword]} ${limit}${rule}` };
    }
    case 'anyOf':
    case 'contains':
      return undefined;
    default:
      return { field: fieldName(error.instancePath), message: `${error.message ?? 'is invalid'}${rule}` };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** `/environments/1/accountId` -> `environments[1].accountId`. */
export function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce((name, part) => (/^[0-9]+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function crossFieldRule(schemaPath: string): SchemaNode | undefined {
  const match = /^#\/allOf\/([0-9]+)\//.exec(schemaPath);
  if (!match) return undefined;
  return answersSchema.allOf?.[Number(match[1])];
}

/** The schema node an error's schemaPath points into (the parent of the failing keyword). */
function schemaNodeAt(schemaPath: string): SchemaNode | undefined {
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  let node: unknown = answersSchema;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))];
  }
  return node as SchemaNode | undefined;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n');
}
