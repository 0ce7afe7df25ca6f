/**
 * The audit: evaluate every check this repository was promised (compliance/controls.json, plus the
 * pristine copy the generator keeps in .fluxora/baseline/, so deleting a check from the matrix does
 * not silence it) against the files as they are now, and apply the waivers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCheck, repoView, type CheckOutcome } from './checks.js';
import { listFiles } from './glob.js';
import { MATRIX_PATH } from './matrix.js';
import { validate } from './schemas.js';
import type { Matrix, MatrixControl } from './types.js';
import { isExpired, isoDay, readWaivers, WAIVERS_PATH, type Waiver } from './waivers.js';

export const PRISTINE_MATRIX_PATH = `.fluxora/baseline/${MATRIX_PATH}`;

export class AuditInputError extends Error {
  override name = 'AuditInputError';
}

export type ControlCheck = MatrixControl['checks'][number];

export interface CheckResult extends CheckOutcome {
  check: ControlCheck;
  /** The check is only in the pristine matrix: the team's compliance/controls.json dropped it. */
  droppedFromMatrix: boolean;
}

export interface ControlResult {
  id: string;
  framework: string;
  title: string;
  status: 'pass' | 'fail' | 'waived' | 'unverified';
  checks: CheckResult[];
  waiver?: Waiver;
}

export interface WaiverProblem {
  waiver: Waiver;
  problem: 'expired' | 'unknown-control';
  message: string;
}

export interface AuditReport {
  service: string;
  baseline: string;
  today: string;
  controls: ControlResult[];
  waiverProblems: WaiverProblem[];
  ok: boolean;
  counts: { pass: number; fail: number; waived: number; unverified: number };
}

function readMatrix(root: string, path: string, required: boolean): Matrix | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AuditInputError(`${path} not found in ${root}: run the generator (npx fluxora) first, or pass --cwd`);
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AuditInputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const problems = validate('matrix', value);
  if (problems.length > 0) throw new AuditInputError(`${path} is not a fluxora control matrix:\n${problems.slice(0, 10).map((p) => `  - ${p}`).join('\n')}`);
  return value as Matrix;
}

/** The checks to evaluate per control: the current matrix's, plus any the pristine matrix promised. */
function promisedChecks(current: Matrix, pristine: Matrix | undefined): Map<string, { control: MatrixControl; checks: Array<{ check: ControlCheck; dropped: boolean }> }> {
  const out = new Map<string, { control: MatrixControl; checks: Array<{ check: ControlCheck; dropped: boolean }> }>();
  for (const control of current.controls) {
    if (control.status !== 'implemented-by-baseline') continue;
    out.set(control.id, { control, checks: control.checks.map((check) => ({ check, dropped: false })) });
  }
  for (const control of pristine?.controls ?? []) {
    if (control.status !== 'implemented-by-baseline') continue;
    const entry = out.get(control.id) ?? { control, checks: [] };
    const have = new Set(entry.checks.map((c) => JSON.stringify(c.check)));
    for (const check of control.checks) if (!have.has(JSON.stringify(check))) entry.checks.push({ check, dropped: true });
    out.set(control.id, entry);
  }
  return out;
}

export interface AuditOptions {
  /** `YYYY-MM-DD`; defaults to today (UTC). */
  today?: string;
}

export async function runAuditChecks(root: string, options: AuditOptions = {}): Promise<AuditReport> {
  const today = options.today ?? isoDay(new Date());
  const matrix = readMatrix(root, MATRIX_PATH, true)!;
  const pristine = readMatrix(root, PRISTINE_MATRIX_PATH, false);
  let waivers: Waiver[];
  try {
    waivers = readWaivers(root);
  } catch (error) {
    throw new AuditInputError((error as Error).message);
  }
  const repo = repoView(root, listFiles(root));
  const known = new Set([...matrix.controls.map((c) => c.id), ...(pristine?.controls ?? []).map((c) => c.id)]);
  const waiverProblems: WaiverProblem[] = [];
  const active = new Map<string, Waiver>();
  for (const waiver of waivers) {
    if (!known.has(waiver.control)) {
      waiverProblems.push({ waiver, problem: 'unknown-control', message: `waiver for ${waiver.control} names a control that is not in ${MATRIX_PATH}` });
    } else if (isExpired(waiver, today)) {
      waiverProblems.push({ waiver, problem: 'expired', message: `waiver for ${waiver.control} (owner ${waiver.owner}) expired on ${waiver.expires}` });
    } else active.set(waiver.control, waiver);
  }

  const controls: ControlResult[] = [];
  for (const { control, checks } of promisedChecks(matrix, pristine).values()) {
    const results: CheckResult[] = [];
    for (const { check, dropped } of checks) {
      const outcome = await evaluateCheck(check, repo);
      results.push(dropped ? { ...outcome, ok: false, message: `dropped from ${MATRIX_PATH} (promised by the baseline); ${outcome.ok ? 'the setting is still in place: restore the check' : outcome.message}`, check, droppedFromMatrix: true } : { ...outcome, check, droppedFromMatrix: false });
    }
    const failed = results.some((r) => !r.ok);
    const waiver = active.get(control.id);
    const status: ControlResult['status'] = results.length === 0 ? 'unverified' : !failed ? 'pass' : waiver ? 'waived' : 'fail';
    controls.push({ id: control.id, framework: control.framework, title: control.title, status, checks: results, ...(waiver ? { waiver } : {}) });
  }
  controls.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const counts = { pass: 0, fail: 0, waived: 0, unverified: 0 };
  for (const c of controls) counts[c.status] += 1;
  return { service: matrix.service, baseline: matrix.baseline, today, controls, waiverProblems, ok: counts.fail === 0 && waiverProblems.length === 0, counts };
}

export { WAIVERS_PATH };
