/**
 * The tool tier's access to external validators. A missing tool fails the test in CI (CI=true) and
 * is reported and skipped elsewhere, so a fresh laptop still runs the rest.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';

/** Tools installed by scripts/install-tools.sh into .cache/tools/bin are found first. */
export const TOOLS_BIN = join(packageRoot, '.cache', 'tools', 'bin');

export function toolPath(name: string): string | undefined {
  const local = join(TOOLS_BIN, name);
  if (existsSync(local)) return local;
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * Resolve a tool or, when it is missing, fail in CI and skip (loudly) elsewhere.
 * Usage: `const yamllint = requireTool('yamllint', ctx)` inside a test.
 */
export function requireTool(name: string, ctx: { skip: (note?: string) => void }): string {
  const path = toolPath(name);
  if (path) return path;
  const message = `TOOL MISSING: ${name} (run scripts/install-tools.sh)`;
  if (process.env.CI) throw new Error(`${message}; CI requires every tool`);
  process.stderr.write(`\n*** ${message}: skipping ***\n`);
  ctx.skip(message);
  throw new Error('unreachable');
}

export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const result = spawnSync(cmd, args, {
    cwd: options.cwd,
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', ...options.env },
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
