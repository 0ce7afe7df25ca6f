/** The compliance library: catalog, check kinds, matrix, COMPLIANCE.md, audit, waivers, SARIF, CLI. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { CATALOG } from '../lib/compliance/catalog.js';
import { evaluateCheck, parsePath, repoView } from '../lib/compliance/checks.js';
import { globToRegExp, listFiles } from '../lib/compliance/glob.js';
import { buildMatrix, UnknownControlError } from '../lib/compliance/matrix.js';
import { validate } from '../lib/compliance/schemas.js';
import { runAudit } from '../lib/compliance/cli.js';
import { formatSarif } from '../lib/compliance/report.js';
import { parseWaivers, WaiversFileError } from '../lib/compliance/waivers.js';
import type { Check, Matrix } from '../lib/compliance/types.js';
import { componentChecks } from '../generators/audit/registry.js';
import { packageRoot } from '../lib/paths.js';
import { contextFor, EXAMPLES, exampleAnswers, runBin } from './helpers/render.js';
import { auditDir, renderWithCompliance, writeExample } from './compliance-helpers.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fluxora-check-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function check(c: Omit<Check, 'control'>, files: Record<string, string>) {
  const dir = tree(files);
  return evaluateCheck(c as Check, repoView(dir, listFiles(dir)));
}

describe('control catalog', () => {
  it('validates against schemas/controls.schema.json (JSON Schema 2020-12, ajv)', () => {
    expect(validate('catalog', CATALOG)).toEqual([]);
  });

  it('has unique ids and covers PCI DSS, SOC 2, GDPR and CIS', () => {
    const ids = CATALOG.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['PCI-DSS-4.0:10.2.1', 'SOC2:CC6.1', 'SOC2:CC8.1', 'SOC2:A1.2', 'GDPR:Art5(1)(f)', 'GDPR:Art25', 'GDPR:Art30', 'GDPR:Art32', 'GDPR:Art33', 'CIS-UBUNTU22:5.1.20']) {
      expect(ids).toContain(id);
    }
    for (const fw of ['pci-dss-4', 'soc2', 'gdpr', 'cis']) expect(CATALOG.filter((c) => c.framework === fw).length).toBeGreaterThan(4);
  });

  it('rejects a control without applicability frameworks (mutation of the schema rule)', () => {
    const bad = [{ ...CATALOG[0]!, applicability: {} }];
    expect(validate('catalog', bad).length).toBeGreaterThan(0);
    expect(validate('catalog', [{ ...CATALOG[0]!, id: 'PCI:1' }]).length).toBeGreaterThan(0);
  });

  it('every component check validates against $defs/check and names a catalog control', () => {
    for (const example of EXAMPLES) {
      for (const c of componentChecks(contextFor(exampleAnswers(example)))) {
        expect(validate('check', c), c.description).toEqual([]);
        expect(CATALOG.some((k) => k.id === c.control), c.control).toBe(true);
      }
    }
    expect(validate('check', { control: 'SOC2:CC8.1', kind: 'yaml', file: 'a.yml', description: 'no path given' }).length).toBeGreaterThan(0);
  });
});

describe('paths and globs', () => {
  it('parses dotted, indexed, quoted and wildcard segments', () => {
    expect(parsePath('jobs.*.permissions')).toEqual(['jobs', '*', 'permissions']);
    expect(parsePath('metadata.labels["pod-security.kubernetes.io/enforce"]')).toEqual(['metadata', 'labels', 'pod-security.kubernetes.io/enforce']);
    expect(parsePath('spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(parsePath('a[*].b')).toEqual(['a', '*', 'b']);
  });

  it('matches globs', () => {
    expect(globToRegExp('terraform/**/main.tf').test('terraform/environments/prod/main.tf')).toBe(true);
    expect(globToRegExp('terraform/**/main.tf').test('terraform/main.tf')).toBe(true);
    expect(globToRegExp('terraform/*/main.tf').test('terraform/a/b/main.tf')).toBe(false);
    expect(globToRegExp('a.{yml,yaml}').test('a.yaml')).toBe(true);
    expect(globToRegExp('a.{yml,yaml}').test('a.json')).toBe(false);
  });
});

describe('check kinds: each with a passing and a failing case', () => {
  const wf = 'permissions: {}\njobs:\n  a:\n    permissions:\n      contents: read\n    steps:\n      - run: yamllint --strict .\n  b:\n    permissions:\n      contents: read\n';
  it('yaml equals', async () => {
    expect((await check({ kind: 'yaml', file: 'w.yml', path: 'jobs.a.permissions.contents', expected: 'read', description: 'd' }, { 'w.yml': wf })).ok).toBe(true);
    const bad = await check({ kind: 'yaml', file: 'w.yml', path: 'jobs.a.permissions.contents', expected: 'write', description: 'd' }, { 'w.yml': wf });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('jobs.a.permissions.contents is "read"');
  });
  it('yaml equals over a wildcard requires every value (match: all)', async () => {
    expect((await check({ kind: 'yaml', file: 'w.yml', path: 'jobs.*.permissions', op: 'exists', description: 'd' }, { 'w.yml': wf })).ok).toBe(true);
    expect((await check({ kind: 'yaml', file: 'w.yml', path: 'jobs.*.permissions', op: 'exists', description: 'd' }, { 'w.yml': `${wf}  c:\n    runs-on: x\n` })).ok).toBe(false);
  });
  it('yaml contains (substring, any item)', async () => {
    expect((await check({ kind: 'yaml', file: 'w.yml', path: 'jobs.*.steps.*.run', op: 'contains', expected: 'yamllint --strict', match: 'any', description: 'd' }, { 'w.yml': wf })).ok).toBe(true);
    expect((await check({ kind: 'yaml', file: 'w.yml', path: 'jobs.*.steps.*.run', op: 'contains', expected: 'checkov', match: 'any', description: 'd' }, { 'w.yml': wf })).ok).toBe(false);
  });
  it('yaml contains (list element, object subset) and where-filtered documents', async () => {
    const multi = '---\nkind: Namespace\nmetadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\nkind: ConfigMap\nmetadata:\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n';
    const c = { kind: 'yaml' as const, file: 'ns.yaml', path: 'metadata.labels["pod-security.kubernetes.io/enforce"]', expected: 'restricted', where: { kind: 'Namespace' }, description: 'd' };
    expect((await check(c, { 'ns.yaml': multi })).ok).toBe(true);
    expect((await check(c, { 'ns.yaml': multi.replace('enforce: restricted', 'enforce: baseline') })).ok).toBe(false);
    const list = { kind: 'yaml' as const, file: 'l.yaml', path: 'items', op: 'contains' as const, expected: { name: 'a' }, description: 'd' };
    expect((await check(list, { 'l.yaml': 'items:\n  - name: a\n    x: 1\n' })).ok).toBe(true);
    expect((await check(list, { 'l.yaml': 'items:\n  - name: b\n' })).ok).toBe(false);
  });
  it('yaml fails on invalid YAML and on a missing file', async () => {
    expect((await check({ kind: 'yaml', file: 'w.yml', path: 'a', op: 'exists', description: 'd' }, { 'w.yml': 'a: [\n' })).message).toContain('not valid YAML');
    expect((await check({ kind: 'yaml', file: 'nope.yml', path: 'a', op: 'exists', description: 'd' }, { 'w.yml': 'a: 1\n' })).message).toContain('no such file');
  });
  it('hcl attribute equals (parsed with @cdktf/hcl2json, blocks walked through)', async () => {
    const tf = 'resource "aws_kms_key" "state" {\n  enable_key_rotation = true\n}\nresource "aws_s3_bucket_versioning" "s" {\n  bucket = "b"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n';
    const rotation = { kind: 'hcl' as const, file: 'main.tf', attribute: 'resource.aws_kms_key.*.enable_key_rotation', expected: true, description: 'd' };
    expect((await check(rotation, { 'main.tf': tf })).ok).toBe(true);
    expect((await check(rotation, { 'main.tf': tf.replace('= true', '= false') })).ok).toBe(false);
    const versioning = { kind: 'hcl' as const, file: '*.tf', attribute: 'resource.aws_s3_bucket_versioning.s.versioning_configuration.status', expected: 'Enabled', description: 'd' };
    expect((await check(versioning, { 'main.tf': tf })).ok).toBe(true);
    expect((await check(versioning, { 'main.tf': tf.replace('"Enabled"', '"Suspended"') })).ok).toBe(false);
    expect((await check(rotation, { 'main.tf': 'resource "x" {\n' })).message).toContain('not valid HCL');
  });
  it('pattern present and absent', async () => {
    const sshd = 'Port 22\nPermitRootLogin no\n';
    expect((await check({ kind: 'pattern', file: 'sshd_config', pattern: '^PermitRootLogin no$', description: 'd' }, { sshd_config: sshd })).ok).toBe(true);
    expect((await check({ kind: 'pattern', file: 'sshd_config', pattern: '^PermitRootLogin no$', description: 'd' }, { sshd_config: sshd.replace(' no', ' yes') })).ok).toBe(false);
    const absent = await check({ kind: 'pattern', file: 'sshd_config', pattern: '^PermitRootLogin yes', expected: false, description: 'd' }, { sshd_config: sshd.replace(' no', ' yes') });
    expect(absent.ok).toBe(false);
    expect(absent.line).toBe(2);
    expect((await check({ kind: 'pattern', file: 'sshd_config', pattern: '^PermitRootLogin yes', expected: false, description: 'd' }, { sshd_config: sshd })).ok).toBe(true);
  });
  it('exists', async () => {
    expect((await check({ kind: 'exists', file: 'a/b.txt', description: 'd' }, { 'a/b.txt': 'x' })).ok).toBe(true);
    expect((await check({ kind: 'exists', file: 'a/c.txt', description: 'd' }, { 'a/b.txt': 'x' })).ok).toBe(false);
    expect((await check({ kind: 'exists', file: 'a/*.txt', description: 'd' }, { 'a/b.txt': 'x' })).ok).toBe(true);
  });
  it('files: all vs any over a glob', async () => {
    const files = { 'e/dev.yml': 'x: 1\n', 'e/prod.yml': 'x: 2\n' };
    expect((await check({ kind: 'yaml', file: 'e/*.yml', path: 'x', expected: 1, description: 'd' }, files)).ok).toBe(false);
    expect((await check({ kind: 'yaml', file: 'e/*.yml', path: 'x', expected: 1, files: 'any', description: 'd' }, files)).ok).toBe(true);
  });
});

describe('matrix', () => {
  it('refuses a file or a check naming a control not in the catalog', () => {
    const ctx = contextFor(exampleAnswers('payments-api'));
    expect(() => buildMatrix(ctx, [{ path: 'a', controls: ['PCI-DSS-4.0:99.9'] }], [])).toThrow(UnknownControlError);
    expect(() => buildMatrix(ctx, [], [{ control: 'SOC2:CC9.9', kind: 'exists', file: 'a', description: 'x' }])).toThrow(UnknownControlError);
  });
});

describe.each(EXAMPLES)('compliance files: %s', (example) => {
  it('controls.json validates, and every applicable control has a file or a stated owner', async () => {
    const files = await renderWithCompliance(example);
    const matrix = JSON.parse(files.get('compliance/controls.json')!.content) as Matrix;
    expect(validate('matrix', matrix)).toEqual([]);
    const ctx = contextFor(exampleAnswers(example));
    expect(matrix.controls.length).toBe(CATALOG.length);
    for (const c of matrix.controls) {
      if (c.status === 'implemented-by-baseline') expect(c.files.length, c.id).toBeGreaterThan(0);
      if (c.status === 'team-responsibility') expect(c.owner, c.id).toBe(`team ${ctx.service.team}`);
      expect(c.responsibility.length, c.id).toBeGreaterThan(10);
      if (c.framework !== 'cis' && !ctx.frameworks.includes(c.framework as never)) expect(c.status, c.id).toBe('not-applicable');
    }
    // PCI controls only when pci-dss-4 is chosen
    const pci = matrix.controls.filter((c) => c.framework === 'pci-dss-4');
    expect(pci.every((c) => (ctx.flags.pciScope ? true : c.status === 'not-applicable'))).toBe(true);
  });

  it('COMPLIANCE.md lists every applicable control with its status and where it lives', async () => {
    const files = await renderWithCompliance(example);
    const md = files.get('COMPLIANCE.md')!.content;
    const matrix = JSON.parse(files.get('compliance/controls.json')!.content) as Matrix;
    for (const c of matrix.controls.filter((x) => x.status !== 'not-applicable')) {
      const row = md.split('\n').find((l) => l.startsWith(`| ${c.id} `));
      expect(row, c.id).toBeDefined();
      expect(row).toContain(c.status === 'implemented-by-baseline' ? 'implemented by the baseline' : 'team responsibility');
    }
    expect(md).not.toMatch(/\[object Object\]|undefined/);
  });

  it('the audit passes every implemented control on the fresh output', async () => {
    const dir = await writeExample(example);
    const report = await auditDir(dir);
    const failing = report.controls.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.checks.filter((k) => !k.ok).map((k) => k.message).join('; ')}`);
    expect(failing).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.pass).toBeGreaterThan(0);
  });
});

describe('audit', () => {
  const waive = (control: string, expires: string) =>
    `---\nwaivers:\n  - control: ${JSON.stringify(control)}\n    reason: Compensating control documented in RISK-42\n    owner: security@example.com\n    expires: ${JSON.stringify(expires)}\n`;

  async function brokenRepo(): Promise<string> {
    const dir = await writeExample('payments-api');
    const path = join(dir, '.checkov.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('soft-fail: false', 'soft-fail: true'));
    return dir;
  }

  it('a valid waiver turns the failing control into waived, and the audit passes', async () => {
    const dir = await brokenRepo();
    expect((await auditDir(dir)).ok).toBe(false);
    writeFileSync(join(dir, '.fluxora/waivers.yaml'), waive('PCI-DSS-4.0:6.3.1', '2026-12-31'));
    const report = await auditDir(dir, '2026-06-01');
    expect(report.controls.find((c) => c.id === 'PCI-DSS-4.0:6.3.1')?.status).toBe('waived');
    expect(report.ok).toBe(true);
  });

  it('an expired waiver fails (and does not waive)', async () => {
    const dir = await brokenRepo();
    writeFileSync(join(dir, '.fluxora/waivers.yaml'), waive('PCI-DSS-4.0:6.3.1', '2026-05-31'));
    const report = await auditDir(dir, '2026-06-01');
    expect(report.ok).toBe(false);
    expect(report.waiverProblems.map((p) => p.problem)).toEqual(['expired']);
    expect(report.controls.find((c) => c.id === 'PCI-DSS-4.0:6.3.1')?.status).toBe('fail');
    // the last valid day still counts
    expect((await auditDir(dir, '2026-05-31')).ok).toBe(true);
  });

  it('a waiver naming an unknown control fails, even on a clean repo', async () => {
    const dir = await writeExample('payments-api');
    writeFileSync(join(dir, '.fluxora/waivers.yaml'), waive('PCI-DSS-4.0:99.1', '2027-01-01'));
    const report = await auditDir(dir);
    expect(report.ok).toBe(false);
    expect(report.waiverProblems[0]?.problem).toBe('unknown-control');
  });

  it('a schema-invalid waivers file is an input error', () => {
    expect(() => parseWaivers('---\nwaivers:\n  - control: "SOC2:CC8.1"\n    reason: short\n    expires: tomorrow\n')).toThrow(WaiversFileError);
    expect(() => parseWaivers('---\nwaivers:\n  - control: "SOC2:CC8.1"\n    reason: Accepted for the migration window\n    owner: a@example.com\n    expires: "2026-01-01"\n')).not.toThrow();
  });

  it('a check deleted from the team matrix still runs from the pristine copy', async () => {
    const dir = await writeExample('payments-api');
    const path = join(dir, 'compliance/controls.json');
    const matrix = JSON.parse(readFileSync(path, 'utf8')) as Matrix;
    matrix.controls = matrix.controls.filter((c) => c.id !== 'PCI-DSS-4.0:6.3.2');
    writeFileSync(path, JSON.stringify(matrix));
    const report = await auditDir(dir);
    const control = report.controls.find((c) => c.id === 'PCI-DSS-4.0:6.3.2');
    expect(control?.status).toBe('fail');
    expect(control?.checks[0]?.message).toContain('dropped from compliance/controls.json');
  });
});

describe('SARIF 2.1.0', () => {
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv, f: string[]) => void;
  // The official schema (OASIS sarif-2.1.0-rtm.5, vendored from @microsoft/jest-sarif) is draft-04:
  // its only draft-04-only keyword is the top-level `id`, renamed to `$id` for ajv's draft-07 mode.
  const schema = JSON.parse(readFileSync(join(packageRoot, 'test/fixtures/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _s, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }); // the schema's language pattern is not valid with the u flag
  addFormats(ajv, ['date-time', 'uri', 'uri-reference']);
  const validateSarif = ajv.compile({ $id: id, ...rest });

  it('a failing audit with a waiver problem produces valid SARIF naming the control', async () => {
    const dir = await writeExample('payments-api');
    const path = join(dir, '.github/workflows/infra-ci.yml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/actions\/checkout@[0-9a-f]{40}/, 'actions/checkout@v4'));
    writeFileSync(join(dir, '.fluxora/waivers.yaml'), '---\nwaivers:\n  - control: "SOC2:CC9.9"\n    reason: Unknown control for the test\n    owner: a@example.com\n    expires: "2030-01-01"\n');
    const sarif = JSON.parse(formatSarif(await auditDir(dir), '0.1.0')) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }> };
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'PCI-DSS-4.0:6.3.2')!;
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('.github/workflows/infra-ci.yml');
    expect(result.locations[0]!.physicalLocation.region?.startLine).toBeGreaterThan(1);
    expect(sarif.runs[0]!.results.some((r) => r.ruleId === 'FLUXORA:waiver')).toBe(true);
  });

  it('a passing audit produces valid SARIF with no results; the validator rejects a broken log', async () => {
    const sarif = JSON.parse(formatSarif(await auditDir(await writeExample('internal-tool')), '0.1.0')) as { runs: Array<{ results: unknown[] }> };
    expect(validateSarif(sarif)).toBe(true);
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
  });
});

describe('fluxora audit CLI', () => {
  const io = (cwd: string) => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { cwd, stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
  };

  it('exits 0 on a clean repo with a table, 1 on a failing control, 2 on usage errors', async () => {
    const dir = await writeExample('customer-data-eu');
    const ok = io(dir);
    expect(await runAudit([], ok.io)).toBe(0);
    expect(ok.out.stdout).toContain('OK: every promised control is in place');
    const json = io(dir);
    expect(await runAudit(['--format', 'json'], json.io)).toBe(0);
    expect((JSON.parse(json.out.stdout) as { ok: boolean }).ok).toBe(true);
    expect(await runAudit(['--format', 'xml'], io(dir).io)).toBe(2);
    expect(await runAudit(['--bogus'], io(dir).io)).toBe(2);
    expect(await runAudit(['--cwd', tree({ 'a.txt': 'x' })], io(dir).io)).toBe(2);
    const gi = join(dir, '.gitignore');
    writeFileSync(gi, readFileSync(gi, 'utf8').replace(/^\*\.tfstate$/m, ''));
    const fail = io(dir);
    expect(await runAudit([], fail.io)).toBe(1);
    expect(fail.out.stdout).toContain('GDPR:Art5(1)(f)');
  });

  it('npx fluxora audit runs through the bin (dispatch at the top of main)', async () => {
    const dir = await writeExample('internal-tool');
    const result = runBin(['audit', '--format', 'sarif'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { version: string }).version).toBe('2.1.0');
    expect(runBin(['audit', '--format', 'nope'], dir).status).toBe(2);
    expect(runBin(['audit'], tree({ 'x': 'y' })).status).toBe(2);
  });
});

describe('registry: the compliance file set of a run', () => {
  it('builds the matrix from this run plus manifest entries of components not regenerated, never from itself', async () => {
    const { implementationsOf, complianceFilesFor } = await import('../generators/audit/registry.js');
    const { renderComponent } = await import('../lib/render/files.js');
    const ctx = contextFor(exampleAnswers('payments-api'));
    const run = {
      context: ctx,
      components: new Set(['pipeline']),
      rendered: [
        { path: '.github/workflows/infra-ci.yml', content: '', source: 's', component: 'pipeline', controls: ['SOC2:CC8.1'] },
        { path: 'COMPLIANCE.md', content: '', source: 's', component: 'compliance', controls: [] },
      ],
      oldManifest: {
        generator: 'generator-fluxora',
        baseline: '0.0.9',
        files: {
          'terraform/main.tf': { template: 't', component: 'terraform', baseline: '0.0.9', sha256: 'x', controls: ['CIS-AWS:3.1'] },
          '.github/workflows/old.yml': { template: 't', component: 'pipeline', baseline: '0.0.9', sha256: 'x', controls: ['SOC2:CC7.1'] },
          'compliance/controls.json': { template: 't', component: 'compliance', baseline: '0.0.9', sha256: 'x', controls: [] },
        },
      },
    } as never;
    expect(implementationsOf(run).map((i) => i.path).sort()).toEqual(['.github/workflows/infra-ci.yml', 'terraform/main.tf']);
    const files = renderComponent(complianceFilesFor(run), ctx);
    expect(files.map((f) => f.path)).toEqual(['COMPLIANCE.md', 'compliance/controls.json']);
    const matrix = JSON.parse(files[1]!.content) as Matrix;
    expect(matrix.controls.find((c) => c.id === 'CIS-AWS:3.1')).toMatchObject({ status: 'implemented-by-baseline', files: ['terraform/main.tf'], verification: 'review' });
    // a file of a regenerated component that this run no longer renders implements nothing
    expect(matrix.controls.flatMap((c) => c.files)).not.toContain('.github/workflows/old.yml');
  });
});

describe('COMPLIANCE.md file lists', () => {
  it('names a folder once when it holds more than three implementing files, and keeps the rest', async () => {
    const { summarizePaths } = await import('../lib/compliance/files.js');
    const role = ['a', 'b', 'c', 'd'].map((f) => `ansible/roles/auditd/tasks/${f}.yml`);
    expect(summarizePaths([...role, 'terraform/modules/security/main.tf', '.gitignore'])).toEqual([
      '.gitignore',
      'ansible/roles/auditd/ (4 files)',
      'terraform/modules/security/main.tf',
    ]);
    expect(summarizePaths(role.slice(0, 3))).toEqual(role.slice(0, 3));
  });
});
