/**
 * Evaluation of declarative checks against a repository as it is now. Four kinds, no per-control
 * code: `yaml` (a path equals / contains / exists), `hcl` (an attribute, parsed with
 * @cdktf/hcl2json), `pattern` (a line matches a regular expression) and `exists` (a file exists).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Check, HclCheck, YamlCheck } from './types.js';
import { matchFiles } from './glob.js';

export interface CheckOutcome {
  ok: boolean;
  /** Files the check looked at. */
  files: string[];
  /** Why it failed (or what it saw), one line. */
  message: string;
  /** 1-based line of the first relevant finding, when known (SARIF regions). */
  line?: number;
}

export interface RepoView {
  root: string;
  files: readonly string[];
  read(path: string): string;
}

export function repoView(root: string, files: readonly string[]): RepoView {
  return { root, files, read: (path) => readFileSync(join(root, path), 'utf8') };
}

type Segment = string | number | '*';

/** Stands for a key or item a path expected but did not find (so `all` over a wildcard sees the gap). */
export const MISSING: unique symbol = Symbol('missing');

/** `a.b[0]["x.y"].*` -> ['a', 'b', 0, 'x.y', '*']. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  const re = /\s*(?:\[\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\d+)|(\*))\s*\]|([^.[\]]+))\s*(\.)?/gy;
  let index = 0;
  while (index < path.length) {
    re.lastIndex = index;
    const m = re.exec(path);
    if (!m || m[0] === '') throw new Error(`invalid path "${path}" at ${index}`);
    if (m[1] !== undefined) segments.push(JSON.parse(`"${m[1]}"`) as string);
    else if (m[2] !== undefined) segments.push(m[2]);
    else if (m[3] !== undefined) segments.push(Number(m[3]));
    else if (m[4] !== undefined) segments.push('*');
    else segments.push(m[5] === '*' ? '*' : m[5]!);
    index = re.lastIndex;
  }
  return segments;
}

/**
 * Every value at the path; a gap (a missing key, an index out of range, a scalar where an object was
 * expected) yields MISSING. `expandLists` also walks through lists transparently (hcl2json blocks).
 */
export function resolvePath(root: unknown, segments: Segment[], expandLists = false): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      const values = expandLists && Array.isArray(value) && typeof segment === 'string' && segment !== '*' ? value : [value];
      for (const v of values) {
        if (v === MISSING || v === null || typeof v !== 'object') {
          next.push(MISSING);
          continue;
        }
        if (segment === '*') next.push(...(Array.isArray(v) ? v : Object.values(v)));
        else if (Array.isArray(v)) next.push(typeof segment === 'number' && segment < v.length ? v[segment] : MISSING);
        else next.push(Object.prototype.hasOwnProperty.call(v, String(segment)) ? (v as Record<string, unknown>)[String(segment)] : MISSING);
      }
    }
    current = next;
  }
  if (expandLists) return current.flatMap((v) => (Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) ? v : [v]));
  return current;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Object subset: every key of `expected` is in `value` with a matching value (recursively). */
function subset(value: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return deepEqual(value, expected);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(expected).every(([k, v]) => subset((value as Record<string, unknown>)[k], v));
}

function satisfies(value: unknown, op: 'equals' | 'contains' | 'exists', expected: unknown): boolean {
  if (value === MISSING) return false;
  switch (op) {
    case 'exists':
      return value !== undefined;
    case 'equals':
      return deepEqual(value, expected);
    case 'contains':
      if (typeof value === 'string') return typeof expected === 'string' && value.includes(expected);
      if (Array.isArray(value)) return value.some((item) => subset(item, expected) || (typeof item === 'string' && typeof expected === 'string' && item === expected));
      if (value !== null && typeof value === 'object') return subset(value, expected);
      return false;
  }
}

function describeValue(value: unknown): string {
  if (value === MISSING) return 'missing';
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function judge(values: unknown[], check: YamlCheck | HclCheck): { ok: boolean; message: string } {
  const op = check.op ?? 'equals';
  const wanted = op === 'exists' ? 'to exist' : `${op} ${describeValue(check.expected)}`;
  const at = 'path' in check ? check.path : check.attribute;
  if (values.every((v) => v === MISSING)) return { ok: false, message: `nothing at ${at} (expected it ${wanted})` };
  const results = values.map((v) => satisfies(v, op, check.expected));
  const ok = (check.match ?? 'all') === 'all' ? results.every(Boolean) : results.some(Boolean);
  if (ok) return { ok, message: 'ok' };
  const bad = values[results.findIndex((r) => !r)];
  return { ok, message: `${at} is ${describeValue(bad)}, expected it ${wanted}` };
}

function evaluateYaml(check: YamlCheck, text: string): { ok: boolean; message: string } {
  const docs = parseAllDocuments(text);
  const values: unknown[] = [];
  const segments = parsePath(check.path);
  for (const doc of docs) {
    if ('errors' in doc && doc.errors.length > 0) return { ok: false, message: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
    const data: unknown = doc.toJS();
    if (check.where && !subset(data, check.where)) continue;
    values.push(...resolvePath(data, segments));
  }
  return judge(values, check);
}

type HclParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;
let hclParse: Promise<HclParse> | undefined;
async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  hclParse ??= import('@cdktf/hcl2json').then((m) => (m as unknown as { parse: HclParse }).parse ?? (m as unknown as { default: { parse: HclParse } }).default.parse);
  return (await hclParse)(file, text);
}

async function evaluateHcl(check: HclCheck, file: string, text: string): Promise<{ ok: boolean; message: string }> {
  let parsed: Record<string, unknown>;
  try {
    parsed = await parseHcl(file, text);
  } catch (error) {
    return { ok: false, message: `not valid HCL: ${String((error as Error).message ?? error).split('\n')[0]}` };
  }
  return judge(resolvePath(parsed, parsePath(check.attribute), true), check);
}

function evaluatePattern(pattern: string, expected: boolean, text: string): { ok: boolean; message: string; line?: number } {
  const re = new RegExp(pattern);
  const lines = text.split('\n');
  const index = lines.findIndex((l) => re.test(l));
  if (expected) return index >= 0 ? { ok: true, message: 'ok', line: index + 1 } : { ok: false, message: `no line matches /${pattern}/` };
  return index < 0 ? { ok: true, message: 'ok' } : { ok: false, message: `line ${index + 1} matches the forbidden /${pattern}/`, line: index + 1 };
}

/** Evaluate one check against the repository. */
export async function evaluateCheck(check: Omit<Check, 'control'> & { kind: Check['kind'] }, repo: RepoView): Promise<CheckOutcome> {
  const files = matchFiles(check.file, repo.files);
  if (files.length === 0) return { ok: false, files: [], message: `${check.file}: no such file` };
  if (check.kind === 'exists') return { ok: true, files, message: 'ok' };
  const perFile: Array<{ file: string; ok: boolean; message: string; line?: number }> = [];
  for (const file of files) {
    const text = repo.read(file);
    let result: { ok: boolean; message: string; line?: number };
    if (check.kind === 'yaml') result = evaluateYaml(check as YamlCheck, text);
    else if (check.kind === 'hcl') result = await evaluateHcl(check as HclCheck, file, text);
    else {
      const c = check as unknown as { pattern: string; expected?: boolean };
      result = evaluatePattern(c.pattern, c.expected ?? true, text);
    }
    perFile.push({ file, ...result });
  }
  const failed = perFile.filter((r) => !r.ok);
  const ok = (check.files ?? 'all') === 'all' ? failed.length === 0 : failed.length < perFile.length;
  if (ok) return { ok, files, message: 'ok' };
  const first = failed[0]!;
  return { ok, files, message: `${first.file}: ${first.message}`, ...(first.line !== undefined ? { line: first.line } : {}) };
}
