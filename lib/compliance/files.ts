/**
 * The compliance file set every run writes: `COMPLIANCE.md` (for people) and
 * `compliance/controls.json` (for the audit). It is built after every component has rendered,
 * from the files of this run plus the manifest entries of components not regenerated, and from the
 * checks the components declare (handed in by the app: lib never imports a generator).
 */
import type { Context } from '../answers/context.js';
import type { ComponentFiles } from '../render/files.js';
import { buildMatrix, COMPLIANCE_MD_PATH, FRAMEWORK_TITLES, MATRIX_PATH, type Implementation } from './matrix.js';
import type { CheckSource, Matrix, MatrixControl } from './types.js';

const STATUS_TEXT: Record<MatrixControl['status'], string> = {
  'implemented-by-baseline': 'implemented by the baseline',
  'team-responsibility': 'team responsibility',
  'not-applicable': 'not applicable',
};

function verificationText(control: MatrixControl): string {
  if (control.status === 'not-applicable') return 'none';
  if (control.verification === 'audit') return `fluxora audit (${control.checks.length} check${control.checks.length === 1 ? '' : 's'}, below)`;
  return `review: ${control.responsibility}`;
}

/**
 * Implementing files for people to read: a folder that holds more than three of them is named once,
 * with a count (`ansible/roles/auditd/ (31 files)`); compliance/controls.json keeps every path.
 */
export function summarizePaths(files: readonly string[], depth = 3): string[] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const parts = file.split('/');
    const key = parts.length > depth ? `${parts.slice(0, depth).join('/')}/` : file;
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups].flatMap(([key, members]) => (members.length > 3 ? [`${key} (${members.length} files)`] : members)).sort();
}

/** The derived values COMPLIANCE.md shows: one table per framework, counts, the audit command. */
export function complianceView(matrix: Matrix) {
  const frameworks = ['pci-dss-4', 'soc2', 'gdpr', 'cis'].map((key) => {
    const controls = matrix.controls.filter((c) => c.framework === key);
    const count = (s: MatrixControl['status']) => controls.filter((c) => c.status === s).length;
    return {
      key,
      title: FRAMEWORK_TITLES[key] ?? key,
      inScope: matrix.frameworks.includes(key),
      summary: `${count('implemented-by-baseline')} implemented by the baseline, ${count('team-responsibility')} team responsibility, ${count('not-applicable')} not applicable`,
      controls: controls
        .filter((c) => c.status !== 'not-applicable')
        .map((c) => ({
          id: c.id,
          title: c.title,
          status: STATUS_TEXT[c.status],
          where: c.files.length > 0 ? summarizePaths(c.files).join(', ') : c.owner,
          verification: verificationText(c),
        })),
      notApplicable: controls.filter((c) => c.status === 'not-applicable').map((c) => c.id).join(', '),
      hasNotApplicable: count('not-applicable') > 0,
    };
  });
  const auditedControls = matrix.controls
    .filter((c) => c.verification === 'audit')
    .map((c) => ({ id: c.id, checks: c.checks.map((k) => `${k.description} (${k.kind}: ${k.file})`) }));
  return { frameworks, audited: auditedControls.length, auditedControls, total: matrix.controls.filter((c) => c.status !== 'not-applicable').length };
}

/** The compliance file set, ready for the run (`addComponent(run, complianceFiles(...))`). */
export function complianceFiles(implementations: () => readonly Implementation[], checks: CheckSource): ComponentFiles {
  let cached: { ctx: Context; matrix: Matrix } | undefined;
  const matrixFor = (ctx: Context): Matrix => {
    if (cached?.ctx !== ctx) cached = { ctx, matrix: buildMatrix(ctx, implementations(), typeof checks === 'function' ? checks(ctx) : checks) };
    return cached.matrix;
  };
  return {
    component: 'compliance',
    root: '',
    view: (ctx) => complianceView(matrixFor(ctx)),
    files: [
      { template: 'COMPLIANCE.md.hbs', to: COMPLIANCE_MD_PATH },
      { to: MATRIX_PATH, data: (ctx) => matrixFor(ctx) },
    ],
  };
}
