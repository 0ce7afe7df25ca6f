/**
 * Test helpers: render an example in-process through the engine (no Yeoman), or through the real bin.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { validateAnswers } from '../../lib/answers/schema.js';
import { buildContext, type Context } from '../../lib/answers/context.js';
import { formatFiles, renderComponent, type ComponentFiles, type RenderedFile } from '../../lib/render/files.js';
import { packageRoot } from '../../lib/paths.js';
import { appFiles } from '../../generators/app/files.js';
import { ansibleFiles } from '../../generators/ansible/files.js';
import { terraformFiles } from '../../generators/terraform/files.js';
import { kubernetesFiles } from '../../generators/kubernetes/files.js';
import { monitoringFiles } from '../../generators/monitoring/files.js';
import { pipelineFiles } from '../../generators/pipeline/files.js';
import { complianceFiles } from '../../lib/compliance/files.js';
import { componentChecks } from '../../generators/audit/registry.js';

export const EXAMPLES = readdirSync(join(packageRoot, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

export const COMPONENT_FILES: Record<string, ComponentFiles> = {
  ansible: ansibleFiles,
  terraform: terraformFiles,
  kubernetes: kubernetesFiles,
  monitoring: monitoringFiles,
  pipeline: pipelineFiles,
};

export function exampleAnswers(name: string): Record<string, unknown> {
  return parseYaml(readFileSync(join(packageRoot, 'examples', `${name}.yaml`), 'utf8')) as Record<string, unknown>;
}

export function contextFor(raw: unknown): Context {
  const result = validateAnswers(raw);
  if (!result.ok) throw new Error(`invalid answers: ${JSON.stringify(result.problems)}`);
  return buildContext(result.answers);
}

/** Render answers exactly as a run would (every chosen component + the skeleton), formatted. */
export async function renderAnswers(raw: unknown): Promise<Map<string, RenderedFile>> {
  const ctx = contextFor(raw);
  const files: RenderedFile[] = renderComponent(appFiles, ctx);
  for (const [name, component] of Object.entries(COMPONENT_FILES)) {
    if (ctx.flags.components[name as keyof Context['flags']['components']]) files.push(...renderComponent(component, ctx));
  }
  // The compliance matrix, built last from everything rendered (as the app generator does).
  const implementations = files.map((f) => ({ path: f.path, controls: f.controls }));
  files.push(...renderComponent(complianceFiles(() => implementations, componentChecks), ctx));
  const formatted = await formatFiles(files.sort((a, b) => (a.path < b.path ? -1 : 1)));
  return new Map(formatted.map((f) => [f.path, f]));
}

const cache = new Map<string, Promise<Map<string, RenderedFile>>>();
/** The rendered output of an example, cached per test file. */
export function renderExample(name: string): Promise<Map<string, RenderedFile>> {
  let result = cache.get(name);
  if (!result) {
    result = renderAnswers(exampleAnswers(name));
    cache.set(name, result);
  }
  return result;
}

/** Write rendered files into a fresh temporary directory and return it. */
export function writeTree(files: Map<string, RenderedFile>, prefix = 'fluxora-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const file of files.values()) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content, { mode: file.mode ?? 0o644 });
  }
  return dir;
}

/** Every file below a directory, relative POSIX paths -> content. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(relative(dir, abs).split('\\').join('/'), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

export const BIN = join(packageRoot, 'dist', 'bin', 'fluxora.js');

/** Run the built bin (npm test builds first) with closed stdin. */
export function runBin(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
}
