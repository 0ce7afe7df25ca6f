/**
 * Crash safety: spawn the bin upgrading a repo and SIGKILL it at random moments (20 runs), then
 * re-run it. Every final tree must equal that of an uninterrupted run. The commit is slowed by a test
 * hook so that many kills land mid-write; the test proves some did (a journal was left behind).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BIN, readTree } from '../helpers/render.js';
import { nextBaselineEnv, nextBaselineTemplates } from '../helpers/baseline.js';
import { packageRoot } from '../../lib/paths.js';
import { JOURNAL_PATH } from '../../lib/baseline/commit.js';

const RUNS = 20;

function runToEnd(cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [BIN], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(result.status, result.stderr).toBe(0);
}

/**
 * Kill the bin either at a fixed delay after start (`{ afterMs }`) or a random moment into its commit
 * (`{ intoCommitMs }`: measured from the commit-start line the slow-commit test hook prints).
 */
function runAndKill(cwd: string, env: NodeJS.ProcessEnv, when: { afterMs: number } | { intoCommitMs: number }): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if ('afterMs' in when) timer = setTimeout(kill, when.afterMs);
    else {
      const onData = (chunk: Buffer) => {
        if (timer === undefined && chunk.toString().includes('fluxora-test: commit of')) timer = setTimeout(kill, when.intoCommitMs);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    }
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      resolve();
    });
  });
}

describe('kill test', () => {
  it(`re-running after SIGKILL at ${RUNS} random moments always ends in the uninterrupted tree`, async () => {
    const repo = mkdtempSync(join(tmpdir(), 'fluxora-kill-'));
    const answers = join(packageRoot, 'examples', 'internal-tool.yaml');
    expect(spawnSync(process.execPath, [BIN, '--answers', answers], { cwd: repo, stdio: 'ignore' }).status).toBe(0);
    // Team edits that merge cleanly with the next baseline.
    writeFileSync(join(repo, '.gitignore'), readFileSync(join(repo, '.gitignore'), 'utf8').replace('crash.log\n', 'crash.log\nlocal.auto.tfvars\n'));
    writeFileSync(join(repo, '.yamllint'), readFileSync(join(repo, '.yamllint'), 'utf8').replace('max: 160', 'max: 120'));
    const env = { ...process.env, ...nextBaselineEnv(nextBaselineTemplates()), FLUXORA_TEST_SLOW_COMMIT_MS: '15' };

    const reference = mkdtempSync(join(tmpdir(), 'fluxora-kill-ref-'));
    cpSync(repo, reference, { recursive: true });
    const started = Date.now();
    runToEnd(reference, env);
    const duration = Date.now() - started;
    const expected = readTree(reference);

    // Half the kills at a random moment of the whole run, half at a random moment inside the commit.
    const moments = fc.sample(
      fc.oneof(
        fc.integer({ min: 50, max: duration }).map((afterMs) => ({ afterMs })),
        fc.integer({ min: 0, max: 12 * 15 }).map((intoCommitMs) => ({ intoCommitMs })),
      ),
      { numRuns: RUNS, seed: 20261203 },
    );
    let interruptedMidCommit = 0;
    for (const moment of moments) {
      const dir = mkdtempSync(join(tmpdir(), 'fluxora-kill-run-'));
      cpSync(repo, dir, { recursive: true });
      await runAndKill(dir, env, moment);
      if (existsSync(join(dir, JOURNAL_PATH))) interruptedMidCommit += 1;
      runToEnd(dir, env);
      expect(readTree(dir), `killed at ${JSON.stringify(moment)}`).toEqual(expected);
    }
    process.stdout.write(`kill test: ${RUNS} runs, uninterrupted ${duration} ms, ${interruptedMidCommit} killed mid-commit\n`);
    expect(interruptedMidCommit).toBeGreaterThan(0);
  }, 600_000);
});
