/**
 * The control matrix of one repository: for every catalog control, whether it applies to these
 * answers, which generated files implement it, and the checks that verify it today. Written as
 * `compliance/controls.json` and `COMPLIANCE.md`; the audit reads it back.
 */
import type { Context } from '../answers/context.js';
import { CATALOG, findControl } from './catalog.js';
import { matchFiles } from './glob.js';
import type { Check, Control, Matrix, MatrixControl } from './types.js';

/** A generated file and the controls it declares (a rendered file or a manifest entry). */
export interface Implementation {
  path: string;
  controls: readonly string[];
}

export const MATRIX_PATH = 'compliance/controls.json';
export const COMPLIANCE_MD_PATH = 'COMPLIANCE.md';

export function isApplicable(control: Control, ctx: Context): boolean {
  const { frameworks, components, os } = control.applicability;
  if (frameworks && !frameworks.some((f) => ctx.frameworks.includes(f))) return false;
  if (components && !components.some((c) => ctx.flags.components[c])) return false;
  if (os && !(ctx.flags.components.ansible && os.includes(ctx.ansible.os))) return false;
  return true;
}

export class UnknownControlError extends Error {
  override name = 'UnknownControlError';
}

function stripControl(check: Check): Omit<Check, 'control'> {
  const { control: _control, ...rest } = check;
  return rest;
}

/** Build the matrix. Throws when a file or a check names a control the catalog does not know. */
export function buildMatrix(ctx: Context, implementations: readonly Implementation[], checks: readonly Check[]): Matrix {
  const paths = implementations.map((i) => i.path).sort();
  const declared = new Map<string, Set<string>>();
  for (const impl of implementations) {
    for (const id of impl.controls) {
      if (!findControl(id)) throw new UnknownControlError(`${impl.path} declares control ${id}, which is not in the catalog (lib/compliance/catalog.ts)`);
      if (!declared.has(id)) declared.set(id, new Set());
      declared.get(id)!.add(impl.path);
    }
  }
  const checksBy = new Map<string, Check[]>();
  for (const check of checks) {
    if (!findControl(check.control)) throw new UnknownControlError(`a check (${check.description}) names control ${check.control}, which is not in the catalog`);
    if (!checksBy.has(check.control)) checksBy.set(check.control, []);
    checksBy.get(check.control)!.push(check);
  }
  const controls: MatrixControl[] = CATALOG.map((control) => {
    const base = { id: control.id, framework: control.framework, title: control.title, responsibility: control.responsibility };
    if (!isApplicable(control, ctx)) {
      return { ...base, status: 'not-applicable', files: [], verification: 'none', owner: 'not applicable to these answers', checks: [] };
    }
    const live = (checksBy.get(control.id) ?? []).filter((c) => matchFiles(c.file, paths).length > 0);
    const files = new Set(declared.get(control.id) ?? []);
    for (const check of live) for (const f of matchFiles(check.file, paths)) files.add(f);
    if (files.size === 0) {
      return { ...base, status: 'team-responsibility', files: [], verification: 'review', owner: `team ${ctx.service.team}`, checks: [] };
    }
    return {
      ...base,
      status: 'implemented-by-baseline',
      files: [...files].sort(),
      verification: live.length > 0 ? 'audit' : 'review',
      owner: `baseline files, maintained by team ${ctx.service.team}`,
      checks: live.map(stripControl),
    };
  });
  return {
    generator: ctx.generator.name,
    baseline: ctx.generator.version,
    service: ctx.service.name,
    team: ctx.service.team,
    frameworks: [...ctx.frameworks, 'cis'],
    controls,
  };
}

export const FRAMEWORK_TITLES: Record<string, string> = {
  'pci-dss-4': 'PCI DSS 4.0.1',
  soc2: 'SOC 2 (2017 Trust Services Criteria)',
  gdpr: 'GDPR',
  cis: 'CIS Benchmarks',
};
