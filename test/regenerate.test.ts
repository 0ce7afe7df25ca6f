/**
 * Upgrading a repo from baseline N to N+1 through the real generator, one scenario per test:
 * untouched, team-only edit, clean merge, conflict, team deletion, baseline removal (touched and
 * untouched), a new baseline file colliding with a team file, changed answers, markers left behind,
 * dry-run, and idempotence.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exampleAnswers, readTree, runBin } from './helpers/render.js';
import { runGenerator } from './helpers/yeoman.js';
import { NEXT_VERSION, nextBaselineEnv, nextBaselineTemplates, withNextBaseline } from './helpers/baseline.js';
import { baselineVersion } from '../lib/paths.js';
import { MANIFEST_PATH, parseManifest } from '../lib/baseline/manifest.js';
import type { FileStatus } from '../lib/baseline/plan.js';

let templates: string;
beforeAll(() => {
  templates = nextBaselineTemplates();
});

/**
 * A small but real answer set: internal-tool with only the pipeline component (the skeleton, the
 * pipeline and the compliance matrix), so each scenario runs quickly; `components` can widen it.
 */
function answersFile(change?: (a: Record<string, unknown>) => void, components: string[] = ['pipeline']): string {
  const answers = structuredClone(exampleAnswers('internal-tool'));
  answers.components = components;
  if (!components.includes('kubernetes')) delete answers.kubernetes;
  change?.(answers);
  const file = join(mkdtempSync(join(tmpdir(), 'fluxora-answers-')), 'answers.yaml');
  writeFileSync(file, stringify(answers));
  return file;
}

async function scaffold(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fluxora-repo-'));
  const { outcome } = await runGenerator(dir, { answers: answersFile() });
  expect(outcome?.plan.conflicts).toEqual([]);
  return dir;
}

const upgrade = (dir: string, options: Record<string, unknown> = {}) => withNextBaseline(templates, () => runGenerator(dir, options));
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const write = (dir: string, path: string, content: string) => writeFileSync(join(dir, path), content);
const statusOf = (outcome: Awaited<ReturnType<typeof runGenerator>>['outcome'], path: string): FileStatus | undefined =>
  outcome?.plan.files.find((f) => f.path === path)?.status;

describe('upgrade scenarios', () => {
  it('untouched files take the new baseline; unchanged ones are identical', async () => {
    const dir = await scaffold();
    const { outcome, log } = await upgrade(dir);
    expect(statusOf(outcome, '.gitignore')).toBe('updated');
    expect(read(dir, '.gitignore')).toContain('.ansible/tmp/');
    // Every header names its baseline, so an untouched file always follows the new one.
    expect(statusOf(outcome, 'README.md')).toBe('updated');
    expect(read(dir, 'README.md')).toContain(`(baseline ${NEXT_VERSION})`);
    expect(log).toContain(`upgrading baseline ${baselineVersion} -> ${NEXT_VERSION}`);
    expect(parseManifest(read(dir, MANIFEST_PATH)).baseline).toBe(NEXT_VERSION);
  });

  it('a team-only edit is kept (the baseline of that file did not change)', async () => {
    const dir = await scaffold();
    const mine = read(dir, '.yamllint').replace('max: 160', 'max: 120');
    write(dir, '.yamllint', mine);
    const { outcome } = await runGenerator(dir, { answers: answersFile((a) => void (a.description = 'A new description')) });
    expect(statusOf(outcome, '.yamllint')).toBe('kept');
    expect(read(dir, '.yamllint')).toBe(mine);
    expect(statusOf(outcome, '.gitignore')).toBe('identical');
  });

  it('a team edit to a file whose header moved to the new baseline merges cleanly', async () => {
    const dir = await scaffold();
    const mine = read(dir, '.yamllint').replace('max: 160', 'max: 120');
    write(dir, '.yamllint', mine);
    const { outcome } = await upgrade(dir);
    expect(statusOf(outcome, '.yamllint')).toBe('merged');
    expect(read(dir, '.yamllint')).toBe(mine.replace(`(baseline ${baselineVersion})`, `(baseline ${NEXT_VERSION})`));
  });

  it('both edited, apart: merged cleanly with both changes', async () => {
    const dir = await scaffold();
    write(dir, '.gitignore', read(dir, '.gitignore').replace('crash.log\n', 'crash.log\n# team: local overrides\nlocal.auto.tfvars\n'));
    const { outcome } = await upgrade(dir);
    expect(statusOf(outcome, '.gitignore')).toBe('merged');
    const merged = read(dir, '.gitignore');
    expect(merged).toContain('local.auto.tfvars');
    expect(merged).toContain('.ansible/tmp/');
    expect(merged).toContain('.cache/');
    expect(merged).not.toMatch(/^<<<<<<< /m);
  });

  it('both edited, same lines: conflict markers, listed, exit code 1, pristine updated', async () => {
    const dir = await scaffold();
    write(dir, '.gitignore', read(dir, '.gitignore').replace('*.retry\n', '*.retry.bak\n'));
    const { outcome, log } = await upgrade(dir);
    expect(outcome?.plan.conflicts).toEqual(['.gitignore']);
    const text = read(dir, '.gitignore');
    expect(text).toMatch(new RegExp(`<<<<<<< team\\n\\*\\.retry\\.bak\\n\\|\\|\\|\\|\\|\\|\\| baseline ${baselineVersion.replace(/\./g, '\\.')}\\n\\*\\.retry\\n=======\\n\\*\\.retry\\n\\.ansible/tmp/\\n>>>>>>> baseline ${NEXT_VERSION.replace(/\./g, '\\.')}\\n`));
    expect(log).toMatch(/CONFLICTS in 1 file\(s\)[\s\S]*- \.gitignore/);
    expect(read(dir, '.fluxora/baseline/.gitignore')).toContain('.ansible/tmp/');
  });

  it('markers left from a conflict: the next run refuses and names the files', async () => {
    const dir = await scaffold();
    write(dir, '.gitignore', read(dir, '.gitignore').replace('*.retry\n', '*.retry.bak\n'));
    await upgrade(dir);
    await expect(upgrade(dir)).rejects.toThrow(/Conflict markers from an earlier run are still in 1 file\(s\)[\s\S]*- \.gitignore/);
    // Resolved by the team: the run goes on and keeps the resolution.
    const resolved = read(dir, '.gitignore').replace(/<<<<<<< team\n[\s\S]*?>>>>>>> [^\n]*\n/, '*.retry.bak\n.ansible/tmp/\n');
    write(dir, '.gitignore', resolved);
    const { outcome } = await upgrade(dir);
    expect(statusOf(outcome, '.gitignore')).toBe('kept');
    expect(read(dir, '.gitignore')).toBe(resolved);
  });

  it('a file the team deleted stays deleted, now and on later runs', async () => {
    const dir = await scaffold();
    rmSync(join(dir, '.editorconfig'));
    const { outcome } = await upgrade(dir);
    expect(statusOf(outcome, '.editorconfig')).toBe('kept-deleted');
    expect(existsSync(join(dir, '.editorconfig'))).toBe(false);
    const again = await upgrade(dir);
    expect(statusOf(again.outcome, '.editorconfig')).toBe('kept-deleted');
    expect(existsSync(join(dir, '.editorconfig'))).toBe(false);
  });

  it('a new baseline file whose path the team already uses is a conflict, not an overwrite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxora-repo-'));
    write(dir, 'README.md', '# Our service\n\nWritten by the team before fluxora arrived.\n');
    const { outcome } = await runGenerator(dir, { answers: answersFile() });
    expect(statusOf(outcome, 'README.md')).toBe('conflict');
    const text = read(dir, 'README.md');
    expect(text).toContain('Written by the team before fluxora arrived.');
    expect(text).toMatch(/^<<<<<<< team$/m);
  });

  it('changed answers go through the same flow: untouched files follow, edits are kept', async () => {
    const dir = await scaffold();
    write(dir, '.yamllint', read(dir, '.yamllint').replace('max: 160', 'max: 120'));
    const file = answersFile((a) => {
      (a.environments as Array<Record<string, string>>).splice(1, 0, { name: 'qa', accountId: '999999999999', region: 'us-east-1', tier: 'small' });
      a.description = 'Back-office tool, now with a QA environment';
    });
    const { outcome } = await runGenerator(dir, { answers: file });
    expect(statusOf(outcome, 'README.md')).toBe('updated');
    expect(read(dir, 'README.md')).toContain('qa (us-east-1, small)');
    expect(statusOf(outcome, '.yamllint')).toBe('kept');
    expect(JSON.parse(read(dir, '.yo-rc.json'))['generator-fluxora'].answers.environments).toHaveLength(3);
  });

  it('turning a component off removes its untouched files and keeps (orphans) the edited ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxora-repo-'));
    await runGenerator(dir, { answers: answersFile(undefined, ['terraform', 'pipeline']) });
    const manifest = parseManifest(read(dir, MANIFEST_PATH));
    const component = 'terraform';
    const byComponent = Object.entries(manifest.files).filter(([, e]) => e.component === component);
    expect(byComponent.length, 'the example renders terraform files').toBeGreaterThan(2);
    const files = byComponent.filter(([, e]) => e.component === component).map(([p]) => p);
    const touched = files.find((p) => p.endsWith('.tf'))!;
    write(dir, touched, `${read(dir, touched)}\n# team note\n`);
    const { outcome } = await runGenerator(dir, { answers: answersFile(undefined, ['pipeline']) });
    expect(statusOf(outcome, touched)).toBe('orphaned');
    expect(read(dir, touched)).toContain('# team note');
    for (const path of files.filter((p) => p !== touched)) {
      expect(statusOf(outcome, path)).toBe('removed');
      expect(existsSync(join(dir, path))).toBe(false);
    }
    expect(Object.keys(parseManifest(read(dir, MANIFEST_PATH)).files).filter((p) => files.includes(p))).toEqual([]);
  });

  it('--dry-run prints the plan and diffs, writes nothing, and reports the conflict', async () => {
    const dir = await scaffold();
    write(dir, '.gitignore', read(dir, '.gitignore').replace('*.retry\n', '*.retry.bak\n'));
    const before = readTree(dir);
    const { outcome, log } = await upgrade(dir, { dryRun: true });
    expect(readTree(dir)).toEqual(before);
    expect(outcome?.plan.conflicts).toEqual(['.gitignore']);
    expect(log).toMatch(/conflict\s+\.gitignore/);
    expect(log).toMatch(/updated\s+\.editorconfig[\s\S]*\+max_line_length = off/);
  });

  it('--check exits 1 when the new baseline would change the repo and 0 when it would not', async () => {
    const dir = await scaffold();
    expect(runBin(['--check'], dir).status).toBe(0);
    const result = runBinWith(['--check'], dir, nextBaselineEnv(templates));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/updated\s+\.gitignore/);
  });

  it('is idempotent: a second upgrade run writes nothing', async () => {
    const dir = await scaffold();
    write(dir, '.gitignore', read(dir, '.gitignore').replace('crash.log\n', 'crash.log\nlocal.auto.tfvars\n'));
    await upgrade(dir);
    const before = readTree(dir);
    const { outcome } = await upgrade(dir);
    expect(outcome?.plan.files.filter((f) => f.write !== undefined)).toEqual([]);
    expect(outcome?.plan.bookkeeping).toEqual([]);
    expect(readTree(dir)).toEqual(before);
  });

  it('upgrades a fresh clone offline: only committed files, an empty home, no old generator', async () => {
    const dir = await scaffold();
    write(dir, '.gitignore', read(dir, '.gitignore').replace('crash.log\n', 'crash.log\nlocal.auto.tfvars\n'));
    const clone = mkdtempSync(join(tmpdir(), 'fluxora-clone-'));
    cpSync(dir, clone, { recursive: true });
    const home = mkdtempSync(join(tmpdir(), 'fluxora-home-'));
    const result = runBinWith([], clone, { ...nextBaselineEnv(templates), HOME: home, npm_config_cache: join(home, '.npm'), npm_config_offline: 'true' });
    expect(result.status, result.stderr).toBe(0);
    const text = read(clone, '.gitignore');
    expect(text).toContain('local.auto.tfvars');
    expect(text).toContain('.ansible/tmp/');
  });
});

function runBinWith(args: string[], cwd: string, env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return runBin(args, cwd);
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
