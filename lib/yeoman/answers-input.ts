/**
 * Where answers come from: an answers file (YAML or JSON), the answers kept in .yo-rc.json, and
 * prompts for what is still missing. Prompts are derived from the schema's `x-prompt` annotations.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { answersSchema, type SchemaNode } from '../answers/schema.js';

export type RawAnswers = Record<string, unknown>;

export class AnswersInputError extends Error {
  override name = 'AnswersInputError';
}

export function readAnswersFile(path: string): RawAnswers {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AnswersInputError(`cannot read answers file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new AnswersInputError(`answers file ${path} is not valid YAML or JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AnswersInputError(`answers file ${path} must hold a mapping of answers, not ${Array.isArray(value) ? 'a list' : typeof value}`);
  }
  return value as RawAnswers;
}

/** Stored answers overlaid with the file's: a key given in the file replaces the stored one. */
export function mergeAnswers(stored: RawAnswers | undefined, given: RawAnswers | undefined): RawAnswers {
  return { ...(stored ?? {}), ...(given ?? {}) };
}

export interface PromptCondition {
  path: string;
  contains?: string;
  equals?: string;
}

export interface PromptField {
  /** Dotted answer path: `kubernetes.containerPort`. */
  path: string;
  message: string;
  node: SchemaNode;
  when?: PromptCondition;
}

export function getPath(answers: RawAnswers, path: string): unknown {
  let node: unknown = answers;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function setPath(answers: RawAnswers, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = answers;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as RawAnswers;
  }
  node[keys.at(-1)!] = value;
}

/** Every prompt the schema declares, in schema order (nested objects depth-first). */
export function promptFields(schema: SchemaNode = answersSchema, prefix = ''): PromptField[] {
  const fields: PromptField[] = [];
  for (const [key, node] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const prompt = node['x-prompt'] as { message: string; when?: PromptCondition } | undefined;
    if (prompt) fields.push({ path, message: prompt.message, node, ...(prompt.when ? { when: prompt.when } : {}) });
    if (node.properties) fields.push(...promptFields(node, path));
  }
  return fields;
}

export function conditionHolds(answers: RawAnswers, condition: PromptCondition | undefined): boolean {
  if (!condition) return true;
  const value = getPath(answers, condition.path);
  if (condition.contains !== undefined) return Array.isArray(value) && value.includes(condition.contains);
  if (condition.equals !== undefined) return value === condition.equals;
  return value !== undefined;
}

export function isAnswered(answers: RawAnswers, path: string): boolean {
  return getPath(answers, path) !== undefined;
}

/** The fields a run should ask: relevant given the answers so far, and unanswered (or all with askAnswered). */
export function fieldsToAsk(answers: RawAnswers, askAnswered: boolean): PromptField[] {
  return promptFields().filter((f) => conditionHolds(answers, f.when) && (askAnswered || !isAnswered(answers, f.path)));
}

/** An inquirer question for a field (the Yeoman prompt API takes these). */
export function questionFor(field: PromptField, current: unknown): Record<string, unknown> {
  const node = field.node;
  const itemsEnum = node.items?.enum;
  const base = { name: field.path.replace(/\./g, '__'), message: field.message };
  const fallback = current ?? node.default;
  if (node.enum) return { ...base, type: 'select', choices: node.enum, ...(fallback !== undefined ? { default: fallback } : {}) };
  if (node.type === 'array' && itemsEnum) {
    const chosen = (Array.isArray(fallback) ? fallback : []) as unknown[];
    return { ...base, type: 'checkbox', choices: itemsEnum.map((value) => ({ name: String(value), value, checked: chosen.includes(value) })) };
  }
  if (node.type === 'integer' || node.type === 'number') {
    return { ...base, type: 'input', ...(fallback !== undefined ? { default: String(fallback) } : {}), filter: (v: string | undefined) => (v === undefined || String(v).trim() === '' ? undefined : Number(v)) };
  }
  return { ...base, type: 'input', ...(fallback !== undefined && fallback !== '' ? { default: fallback } : {}), filter: (v: string | undefined) => (v === undefined || String(v).trim() === '' ? undefined : String(v).trim()) };
}
