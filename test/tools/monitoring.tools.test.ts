/**
 * Tool tier for monitoring: promtool checks and unit tests of every rules file (and of the
 * PrometheusRule objects' `.spec`), amtool on the Alertmanager configuration and its routing tree.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as yamlStringify } from 'yaml';
import { contextFor, EXAMPLES, exampleAnswers, renderAnswers, renderExample, writeTree } from '../helpers/render.js';
import { requireTool, run } from '../helpers/tools.js';
import { receivers } from '../../generators/monitoring/alertmanager.js';

const WITH_MONITORING = EXAMPLES.filter((e) => contextFor(exampleAnswers(e)).flags.components.monitoring);

/** amtool before 0.26 does not know webhook `url_file` (see amtoolConfig). */
function amtoolVersion(amtool: string): [number, number] {
  const match = /version (\d+)\.(\d+)/.exec(run(amtool, ['--version']).output);
  if (!match) throw new Error('cannot read the amtool version');
  return [Number(match[1]), Number(match[2])];
}

/**
 * The config amtool validates: the generated one, except that an amtool older than 0.26 (Debian 12
 * ships 0.25) gets each webhook `url_file` swapped for a `url`, the only field it does not know.
 */
function amtoolConfig(amtool: string, content: string, dir: string): string {
  const [major, minor] = amtoolVersion(amtool);
  if (major > 0 || minor >= 26) return join(dir, 'monitoring/alertmanager/alertmanager.yml');
  const config = parseYaml(content) as { receivers: { webhook_configs?: Record<string, unknown>[] }[] };
  let swapped = 0;
  for (const receiver of config.receivers) {
    for (const webhook of receiver.webhook_configs ?? []) {
      expect(webhook.url_file).toMatch(/^\//);
      delete webhook.url_file;
      webhook.url = 'https://webhook.invalid/alertmanager';
      swapped += 1;
    }
  }
  process.stderr.write(`\n*** amtool ${major}.${minor} < 0.26: validating with ${swapped} webhook url_file(s) swapped for url ***\n`);
  const path = join(dir, 'alertmanager-for-old-amtool.yml');
  writeFileSync(path, yamlStringify(config));
  return path;
}

describe.each(WITH_MONITORING)('monitoring tools: %s', (example) => {
  it('promtool check rules passes on every rules file', async (ctx) => {
    const promtool = requireTool('promtool', ctx);
    const dir = writeTree(await renderExample(example));
    const rulesDir = join(dir, 'monitoring/prometheus/rules');
    const files = readdirSync(rulesDir).map((f) => join(rulesDir, f));
    expect(files).toHaveLength(3);
    const result = run(promtool, ['check', 'rules', ...files]);
    expect(result.status, result.output).toBe(0);
    expect(result.output.match(/SUCCESS/g)).toHaveLength(3);
  });

  it('promtool check rules passes on the .spec of every PrometheusRule object', async (ctx) => {
    const promtool = requireTool('promtool', ctx);
    const files = await renderExample(example);
    const dir = writeTree(files);
    const objects = [...files.keys()].filter((p) => p.endsWith('.prometheusrule.yaml'));
    expect(objects).toHaveLength(3);
    const specs = objects.map((p, i) => {
      const spec = (parseYaml(files.get(p)!.content) as { spec: unknown }).spec;
      const path = join(dir, `spec-${i}.yaml`);
      writeFileSync(path, yamlStringify(spec));
      return path;
    });
    const result = run(promtool, ['check', 'rules', ...specs]);
    expect(result.status, result.output).toBe(0);
  });

  it('promtool test rules passes on every test file', async (ctx) => {
    const promtool = requireTool('promtool', ctx);
    const dir = writeTree(await renderExample(example));
    const testsDir = join(dir, 'monitoring/prometheus/tests');
    const files = readdirSync(testsDir).map((f) => join(testsDir, f));
    expect(files).toHaveLength(3);
    const result = run(promtool, ['test', 'rules', ...files]);
    expect(result.status, result.output).toBe(0);
    expect(result.output.match(/SUCCESS/g)).toHaveLength(3);
  });

  it('promtool test rules fails when a rule is broken (the tests can fail)', async (ctx) => {
    const promtool = requireTool('promtool', ctx);
    const files = await renderExample(example);
    const dir = writeTree(files);
    const path = [...files.keys()].find((p) => p.endsWith('-security.rules.yaml'))!;
    writeFileSync(join(dir, path), files.get(path)!.content.replace('> 20', '> 2000'));
    const result = run(promtool, ['test', 'rules', join(dir, path.replace('/rules/', '/tests/').replace('.rules.yaml', '.test.yaml'))]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('AuthenticationFailureSpike');
  });

  it('promtool test rules fails when a recording rule reads the wrong window', async (ctx) => {
    const promtool = requireTool('promtool', ctx);
    const files = await renderExample(example);
    const dir = writeTree(files);
    const path = [...files.keys()].find((p) => p.endsWith('-slo.rules.yaml'))!;
    const content = files.get(path)!.content;
    expect(content).toContain('[30m]');
    writeFileSync(join(dir, path), content.replaceAll('[30m]', '[1h]'));
    const result = run(promtool, ['test', 'rules', join(dir, path.replace('/rules/', '/tests/').replace('.rules.yaml', '.test.yaml'))]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('slo:sli_error:ratio_rate30m');
  });

  it('amtool check-config accepts the Alertmanager configuration', async (ctx) => {
    const amtool = requireTool('amtool', ctx);
    const files = await renderExample(example);
    const dir = writeTree(files);
    const config = amtoolConfig(amtool, files.get('monitoring/alertmanager/alertmanager.yml')!.content, dir);
    const result = run(amtool, ['check-config', config]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('SUCCESS');
  });

  it('amtool routes every severity and team combination to the expected receiver', async (ctx) => {
    const amtool = requireTool('amtool', ctx);
    const files = await renderExample(example);
    const dir = writeTree(files);
    const config = amtoolConfig(amtool, files.get('monitoring/alertmanager/alertmanager.yml')!.content, dir);
    const c = contextFor(exampleAnswers(example));
    const r = receivers(c);
    const team = c.service.team;
    const cases: [string[], string][] = [];
    for (const category of ['slo', 'platform', 'security']) {
      const siem = category === 'security' ? `${r.siem},` : '';
      cases.push(
        [[`severity=critical`, `team=${team}`, `category=${category}`], `${siem}${r.pager}`],
        [[`severity=critical`, `team=another-team`, `category=${category}`], `${siem}${r.chat}`],
        [[`severity=warning`, `team=${team}`, `category=${category}`], `${siem}${r.chat}`],
        [[`severity=warning`, `team=another-team`, `category=${category}`], `${siem}${r.chat}`],
        [[`severity=info`, `team=${team}`, `category=${category}`], `${siem}${r.none}`],
        [[`severity=info`, `team=another-team`, `category=${category}`], `${siem}${r.none}`],
      );
    }
    cases.push([['alertname=Watchdog', 'severity=info', `team=${team}`, 'category=platform'], r.deadMansSwitch]);
    cases.push([['alertname=InfoInhibitor', 'severity=info', `team=${team}`, 'category=platform'], r.none]);
    for (const [labels, expected] of cases) {
      const result = run(amtool, ['config', 'routes', 'test', `--config.file=${config}`, `--verify.receivers=${expected}`, 'alertname=Example', ...labels]);
      expect(result.status, `${labels.join(' ')} -> ${result.output}`).toBe(0);
    }
    // The check can fail: a wrong expectation is reported.
    const wrong = run(amtool, ['config', 'routes', 'test', `--config.file=${config}`, `--verify.receivers=${r.pager}`, 'severity=warning', `team=${team}`]);
    expect(wrong.status).not.toBe(0);
  });
});

describe('monitoring tools: answers stay data', () => {
  it('promtool renders a description full of Go-template and PromQL text literally', async (ctx) => {
    const promtool = requireTool('promtool', ctx);
    const raw = { ...exampleAnswers('payments-api'), description: 'Pays {{ .Values.secret }} and {{ "x" }} }} {{ $labels.team }} with \\ "quotes"' };
    const dir = writeTree(await renderAnswers(raw));
    const testsDir = join(dir, 'monitoring/prometheus/tests');
    // The expected annotations in these tests hold the description verbatim.
    const result = run(promtool, ['test', 'rules', ...readdirSync(testsDir).map((f) => join(testsDir, f))]);
    expect(result.status, result.output).toBe(0);
    expect(result.output.match(/SUCCESS/g)).toHaveLength(3);
  });
});

describe('monitoring tools: edge answers', () => {
  it.each([
    ['loosest targets', { availability: 0.90001, latencyTarget: 0.90001, latencyThreshold: '1s' }],
    ['tightest targets', { availability: 0.99999, latencyTarget: 0.99999, latencyThreshold: '5ms' }],
  ])('promtool passes the generated tests with the %s', async (_name, slo, ctx) => {
    const promtool = requireTool('promtool', ctx);
    const raw = { ...exampleAnswers('customer-data-eu'), slo };
    const dir = writeTree(await renderAnswers(raw));
    const rulesDir = join(dir, 'monitoring/prometheus/rules');
    const check = run(promtool, ['check', 'rules', ...readdirSync(rulesDir).map((f) => join(rulesDir, f))]);
    expect(check.status, check.output).toBe(0);
    const testsDir = join(dir, 'monitoring/prometheus/tests');
    const result = run(promtool, ['test', 'rules', ...readdirSync(testsDir).map((f) => join(testsDir, f))]);
    expect(result.status, result.output).toBe(0);
  });
});
