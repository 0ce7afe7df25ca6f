/**
 * The check registry: every component's checks, handed to lib/compliance (which imports no
 * generator). A component adds its list here: `import { <c>Checks } from '../<c>/controls.js'`.
 */
import type { Context } from '../../lib/answers/context.js';
import { complianceFiles } from '../../lib/compliance/files.js';
import type { Implementation } from '../../lib/compliance/matrix.js';
import type { Check } from '../../lib/compliance/types.js';
import type { ComponentFiles } from '../../lib/render/files.js';
import type { Run } from '../../lib/yeoman/run.js';
import { pipelineChecks } from '../pipeline/controls.js';
import { terraformChecks } from '../terraform/controls.js';
import { kubernetesChecks } from '../kubernetes/controls.js';
import { monitoringChecks } from '../monitoring/controls.js';
import { ansibleChecks } from '../ansible/controls.js';
import { appChecks } from './app-controls.js';

/** Every component's checks for these answers. */
export function componentChecks(ctx: Context): Check[] {
  return [
    ...appChecks,
    ...pipelineChecks(ctx),
    ...(terraformChecks(ctx) as Check[]),
    ...kubernetesChecks(ctx),
    ...monitoringChecks(ctx),
    ...ansibleChecks(ctx),
  ];
}

/**
 * What the matrix is built from: the files rendered in this run, plus the manifest entries of
 * components this run does not regenerate (a component generator run on its own).
 */
export function implementationsOf(run: Run): Implementation[] {
  const rendered = new Map<string, Implementation>(run.rendered.filter((f) => f.component !== 'compliance').map((f) => [f.path, { path: f.path, controls: f.controls }]));
  for (const [path, entry] of Object.entries(run.oldManifest?.files ?? {})) {
    if (entry.component === 'compliance' || run.components.has(entry.component) || rendered.has(path)) continue;
    rendered.set(path, { path, controls: entry.controls });
  }
  return [...rendered.values()];
}

/** The compliance file set of a run: `addComponent(run, complianceFilesFor(run))`, after every component. */
export function complianceFilesFor(run: Run): ComponentFiles {
  return complianceFiles(() => implementationsOf(run), componentChecks);
}
