/**
 * Monitoring, fast tier: every alert carries the labels, annotations and runbook it promises; the
 * promtool tests cover every alert (firing and quiet) and every recording rule; the rules files and
 * the PrometheusRule objects are one source; answers stay literal in Go-template fields; the
 * Alertmanager tree routes by severity then team with secrets read from files.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { contextFor, EXAMPLES, exampleAnswers, renderAnswers, renderExample } from './helpers/render.js';
import { validateAnswers } from '../lib/answers/schema.js';
import { expandTemplate } from '../generators/monitoring/tests.js';
import { RUNBOOKS } from '../generators/monitoring/files.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesRoot } from '../lib/paths.js';
import type { RenderedFile } from '../lib/render/files.js';

type Files = Map<string, RenderedFile>;
interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}
interface TestFile {
  rule_files: string[];
  tests: {
    input_series: { series: string; values: string }[];
    alert_rule_test?: { eval_time: string; alertname: string; exp_alerts: { exp_labels: Record<string, string>; exp_annotations: Record<string, string> }[] }[];
    promql_expr_test?: { expr: string; exp_samples: { labels: string; value: number }[] }[];
  }[];
}

const WITH_MONITORING = EXAMPLES.filter((e) => contextFor(exampleAnswers(e)).flags.components.monitoring);
const CONTROL_ID = /^(PCI-DSS-4\.0|SOC2|GDPR):[A-Za-z0-9.]+$/;

function yamlOf<T>(files: Files, path: string): T {
  const file = files.get(path);
  if (!file) throw new Error(`missing ${path}`);
  return parseYaml(file.content) as T;
}

function ruleFiles(files: Files): Map<string, RuleFile> {
  return new Map([...files.keys()].filter((p) => p.startsWith('monitoring/prometheus/rules/')).map((p) => [p, yamlOf<RuleFile>(files, p)]));
}

function alertsIn(rules: Map<string, RuleFile>): Rule[] {
  return [...rules.values()].flatMap((f) => f.groups.flatMap((g) => g.rules.filter((r) => r.alert)));
}

/** Problems of one alert against the contract (labels, annotations, runbook). */
function alertProblems(rule: Rule, files: Files, repository: string): string[] {
  const problems: string[] = [];
  const labels = rule.labels ?? {};
  const annotations = rule.annotations ?? {};
  if (!['critical', 'warning', 'info'].includes(labels.severity ?? '')) problems.push('severity');
  for (const label of ['team', 'service', 'category']) if (!labels[label]) problems.push(label);
  const ids = (labels.compliance ?? '').split(' ');
  if (!labels.compliance || !ids.every((id) => CONTROL_ID.test(id))) problems.push('compliance');
  for (const annotation of ['summary', 'description', 'runbook_url']) if (!annotations[annotation]) problems.push(annotation);
  if (annotations.runbook_url !== `https://${repository}/blob/main/monitoring/runbooks/${rule.alert}.md`) problems.push('runbook_url target');
  const runbook = files.get(`monitoring/runbooks/${rule.alert}.md`);
  if (!runbook) problems.push('runbook file');
  else for (const section of ['## Meaning', '## Impact', '## Diagnosis', '## Mitigation']) if (!runbook.content.includes(section)) problems.push(`runbook ${section}`);
  return problems;
}

/** Alerts (by name and severity) lacking a firing case, names lacking a quiet case, records lacking a test. */
function coverageProblems(rules: Map<string, RuleFile>, tests: TestFile[]): string[] {
  const problems: string[] = [];
  const cases = tests.flatMap((t) => t.tests.flatMap((tc) => tc.alert_rule_test ?? []));
  const exprTests = tests.flatMap((t) => t.tests.flatMap((tc) => tc.promql_expr_test ?? []));
  for (const rule of [...rules.values()].flatMap((f) => f.groups.flatMap((g) => g.rules))) {
    if (rule.alert) {
      const mine = cases.filter((c) => c.alertname === rule.alert);
      if (!mine.some((c) => c.exp_alerts.some((a) => a.exp_labels.severity === rule.labels?.severity))) problems.push(`${rule.alert}/${rule.labels?.severity}: no firing case`);
      // Watchdog always fires by design: it has no quiet case.
      if (rule.alert !== 'Watchdog' && !mine.some((c) => c.exp_alerts.length === 0)) problems.push(`${rule.alert}: no quiet case`);
    } else {
      const sloLabel = rule.labels?.slo;
      const covered = exprTests.some((t) => t.expr.includes(`${rule.record}{`) && (sloLabel === undefined || t.expr.includes(`slo="${sloLabel}"`)));
      if (!covered) problems.push(`${rule.record}${sloLabel ? `/${sloLabel}` : ''}: no promql_expr_test`);
    }
  }
  return problems;
}

function testFiles(files: Files): TestFile[] {
  return [...files.keys()].filter((p) => p.startsWith('monitoring/prometheus/tests/')).map((p) => yamlOf<TestFile>(files, p));
}

/** Go-template actions left after removing the ones we emit on purpose (string literals, $labels, $value). */
function unexpectedActions(text: string): string[] {
  const stripped = text.replace(/\{\{ (?:"(?:[^"\\]|\\.)*"|\$labels\.\w+|\$value \| \w+) \}\}/g, '');
  return stripped.match(/\{\{|\}\}/g) ?? [];
}

describe('monitoring: examples', () => {
  it('includes monitoring in payments-api and customer-data-eu, not internal-tool', async () => {
    expect(WITH_MONITORING).toEqual(['customer-data-eu', 'payments-api']);
    const files = await renderExample('internal-tool');
    expect([...files.keys()].filter((p) => p.startsWith('monitoring/') || p.startsWith('kubernetes/monitoring/'))).toEqual([]);
  });
});

describe.each(WITH_MONITORING)('monitoring: %s', (example) => {
  const ctx = contextFor(exampleAnswers(example));

  it('writes three rules files, three test files, the Alertmanager config and a runbook per alert', async () => {
    const files = await renderExample(example);
    const service = ctx.service.name;
    for (const kind of ['slo', 'security', 'platform']) {
      expect(files.has(`monitoring/prometheus/rules/${service}-${kind}.rules.yaml`)).toBe(true);
      expect(files.has(`monitoring/prometheus/tests/${service}-${kind}.test.yaml`)).toBe(true);
      expect(files.has(`kubernetes/monitoring/${service}-${kind}.prometheusrule.yaml`)).toBe(ctx.flags.components.kubernetes);
    }
    expect(files.has('monitoring/alertmanager/alertmanager.yml')).toBe(true);
    // The ServiceMonitor belongs to the Helm chart (kubernetes component), never to monitoring.
    expect([...files.values()].some((f) => f.component === 'monitoring' && /servicemonitor/i.test(f.path))).toBe(false);
    const names = new Set(alertsIn(ruleFiles(files)).map((a) => a.alert));
    const runbooks = [...files.keys()].filter((p) => p.startsWith('monitoring/runbooks/')).map((p) => p.replace(/^.*\/|\.md$/g, ''));
    expect(runbooks.sort()).toEqual([...names].sort());
  });

  it('gives every alert severity, team, service, compliance ids, summary, description, runbook_url and a runbook', async () => {
    const files = await renderExample(example);
    const alerts = alertsIn(ruleFiles(files));
    expect(alerts.length).toBeGreaterThan(15);
    for (const alert of alerts) {
      expect(alertProblems(alert, files, ctx.service.repository), alert.alert).toEqual([]);
      expect(alert.labels?.team).toBe(ctx.service.team);
      expect(alert.labels?.service).toBe(ctx.service.name);
    }
  });

  it('fails the alert contract when a label, an annotation or a runbook is missing (mutation twins)', async () => {
    const files = await renderExample(example);
    const alert = alertsIn(ruleFiles(files))[0]!;
    const noSeverity = { ...alert, labels: { ...alert.labels, severity: 'page' } };
    expect(alertProblems(noSeverity, files, ctx.service.repository)).toContain('severity');
    const noCompliance = { ...alert, labels: { ...alert.labels, compliance: '' } };
    expect(alertProblems(noCompliance, files, ctx.service.repository)).toContain('compliance');
    const noRunbookUrl = { ...alert, annotations: { ...alert.annotations, runbook_url: '' } };
    expect(alertProblems(noRunbookUrl, files, ctx.service.repository)).toContain('runbook_url');
    const withoutRunbook = new Map(files);
    withoutRunbook.delete(`monitoring/runbooks/${alert.alert}.md`);
    expect(alertProblems(alert, withoutRunbook, ctx.service.repository)).toContain('runbook file');
  });

  it('has a firing and a quiet promtool case for every alert and an expression test for every recording rule', async () => {
    const files = await renderExample(example);
    expect(coverageProblems(ruleFiles(files), testFiles(files))).toEqual([]);
  });

  it('reports missing coverage when a quiet case or an expression test is removed (mutation twins)', async () => {
    const files = await renderExample(example);
    const tests = testFiles(files);
    const noQuiet = tests.map((t) => ({ ...t, tests: t.tests.filter((tc) => !(tc.alert_rule_test?.[0]?.alertname === 'AuthenticationFailureSpike' && tc.alert_rule_test[0].exp_alerts.length === 0)) }));
    expect(coverageProblems(ruleFiles(files), noQuiet)).toEqual(['AuthenticationFailureSpike: no quiet case']);
    const noExpr = tests.map((t) => ({ ...t, tests: t.tests.map((tc) => ({ ...tc, promql_expr_test: (tc.promql_expr_test ?? []).filter((e) => !e.expr.includes('slo:error_budget:ratio{')) })) }));
    expect(coverageProblems(ruleFiles(files), noExpr)).toEqual(['slo:error_budget:ratio/availability: no promql_expr_test', 'slo:error_budget:ratio/latency: no promql_expr_test']);
  });

  it('points every test file at its own rules file and expects exactly the rule labels', async () => {
    const files = await renderExample(example);
    const rules = ruleFiles(files);
    for (const path of [...files.keys()].filter((p) => p.startsWith('monitoring/prometheus/tests/'))) {
      const test = yamlOf<TestFile>(files, path);
      const rulesPath = `monitoring/prometheus/${test.rule_files[0]!.replace('../', '')}`;
      expect(rules.has(rulesPath), path).toBe(true);
      const byName = new Map(rules.get(rulesPath)!.groups[0]!.rules.filter((r) => r.alert).map((r) => [`${r.alert}/${r.labels?.severity}`, r]));
      for (const tc of test.tests) {
        for (const art of tc.alert_rule_test ?? []) {
          for (const exp of art.exp_alerts) {
            const rule = byName.get(`${art.alertname}/${exp.exp_labels.severity}`)!;
            for (const [k, v] of Object.entries(rule.labels ?? {})) expect(exp.exp_labels[k], `${art.alertname} ${k}`).toBe(v);
            expect(Object.keys(exp.exp_annotations).sort()).toEqual(['description', 'runbook_url', 'summary']);
          }
        }
      }
    }
  });

  it('builds the SLO group: eight error-ratio windows, budget and remaining, page and ticket burn rates from the answers', async () => {
    const files = await renderExample(example);
    const slo = yamlOf<RuleFile>(files, `monitoring/prometheus/rules/${ctx.service.name}-slo.rules.yaml`).groups[0]!.rules;
    for (const s of ['availability', 'latency']) {
      const records = slo.filter((r) => r.record && r.labels?.slo === s).map((r) => r.record);
      expect(records).toEqual([
        ...['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => `slo:sli_error:ratio_rate${w}`),
        'slo:error_budget:ratio',
        'slo:error_budget_remaining:ratio',
      ]);
      // Each window's rule reads its own range (promtool checks the values; this names the culprit).
      for (const rule of slo.filter((r) => r.record?.startsWith('slo:sli_error:ratio_rate') && r.labels?.slo === s)) {
        const window = rule.record!.replace('slo:sli_error:ratio_rate', '');
        expect(rule.expr.match(/\[[0-9]+[mhd]\]/g), rule.record).toEqual([`[${window}]`, `[${window}]`]);
      }
    }
    const budget = ctx.slo.errorBudget;
    const page = slo.find((r) => r.alert === 'SLOAvailabilityErrorBudgetBurn' && r.labels?.severity === 'critical')!;
    for (const [w, f] of [['1h', 14.4], ['5m', 14.4], ['6h', 6], ['30m', 6]] as const) expect(page.expr).toContain(`ratio_rate${w}{service="${ctx.service.name}", slo="availability"} > (${f} * ${budget})`);
    const ticket = slo.find((r) => r.alert === 'SLOAvailabilityErrorBudgetBurn' && r.labels?.severity === 'warning')!;
    for (const [w, f] of [['1d', 3], ['2h', 3], ['3d', 1], ['6h', 1]] as const) expect(ticket.expr).toContain(`ratio_rate${w}{service="${ctx.service.name}", slo="availability"} > (${f} * ${budget})`);
    const latency = slo.find((r) => r.record === 'slo:sli_error:ratio_rate5m' && r.labels?.slo === 'latency')!;
    expect(latency.expr).toContain(`le="${ctx.slo.latencyThresholdSeconds}"`);
    const wholeSecond = await renderAnswers({ ...exampleAnswers(example), slo: { ...(exampleAnswers(example).slo as object), latencyThreshold: '2s' } });
    const sloFile = yamlOf<RuleFile>(wholeSecond, `monitoring/prometheus/rules/${ctx.service.name}-slo.rules.yaml`).groups[0]!.rules;
    expect(sloFile.find((r) => r.record === 'slo:sli_error:ratio_rate5m' && r.labels?.slo === 'latency')!.expr).toContain('le=~"2(\\\\.0)?"');
    expect(slo.find((r) => r.record === 'slo:error_budget:ratio' && r.labels?.slo === 'latency')!.expr).toBe(`vector(${Number((1 - ctx.slo.latencyTarget).toPrecision(6))})`);
  });

  it('emits the same groups as PrometheusRule objects that validate against the prometheus-operator schema', async () => {
    const files = await renderExample(example);
    for (const kind of ['slo', 'security', 'platform']) {
      const rules = yamlOf<RuleFile>(files, `monitoring/prometheus/rules/${ctx.service.name}-${kind}.rules.yaml`);
      const object = yamlOf<{ apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: RuleFile }>(files, `kubernetes/monitoring/${ctx.service.name}-${kind}.prometheusrule.yaml`);
      expect(object.spec).toEqual(rules);
      expect(object.metadata.namespace).toBe(ctx.kubernetes.namespace);
      expect(() => new PrometheusRule(object as never).validate()).not.toThrow();
      // kubernetes-models does not reject unknown fields: check the keys ourselves.
      expect(Object.keys(object).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
      for (const rule of object.spec.groups.flatMap((g) => g.rules)) {
        for (const key of Object.keys(rule)) expect(['alert', 'record', 'expr', 'for', 'labels', 'annotations']).toContain(key);
      }
    }
    const broken = yamlOf<Record<string, unknown>>(files, `kubernetes/monitoring/${ctx.service.name}-slo.prometheusrule.yaml`);
    expect(() => new PrometheusRule({ ...broken, spec: { groups: [{ rules: [] }] } } as never).validate()).toThrow();
  });

  it('routes by severity then team, copies security alerts to the SIEM, inhibits, and reads every secret from a file', async () => {
    const files = await renderExample(example);
    const am = yamlOf<any>(files, 'monitoring/alertmanager/alertmanager.yml');
    const routes = am.route.routes as any[];
    const siem = routes.find((r) => r.receiver === 'siem');
    expect(siem).toMatchObject({ matchers: ['category="security"'], continue: true });
    const critical = routes.find((r) => r.matchers?.[0] === 'severity="critical"');
    expect(critical.routes).toEqual([{ receiver: `${ctx.service.team}-pagerduty`, matchers: [`team="${ctx.service.team}"`] }]);
    const warning = routes.find((r) => r.matchers?.[0] === 'severity="warning"');
    expect(warning.routes[0].receiver).toBe(`${ctx.service.team}-slack`);
    expect(routes.find((r) => r.matchers?.[0] === 'severity="info"').receiver).toBe('null');
    expect(am.inhibit_rules[0]).toEqual({ source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"'], equal: ['alertname', 'service'] });
    expect(am.inhibit_rules[1].source_matchers).toEqual(['alertname="InfoInhibitor"']);
    const receivers = new Map((am.receivers as any[]).map((r) => [r.name, r]));
    expect(receivers.get(`${ctx.service.team}-pagerduty`).pagerduty_configs[0].routing_key_file).toBe(ctx.alerting.pagerKeyFile);
    expect(receivers.get(`${ctx.service.team}-slack`).slack_configs[0]).toMatchObject({ api_url_file: ctx.alerting.chatUrlFile, channel: ctx.alerting.chatChannel });
    expect(receivers.get('siem').webhook_configs[0].url_file).toBe(ctx.alerting.siemWebhookUrlFile);
    const text = files.get('monitoring/alertmanager/alertmanager.yml')!.content;
    expect(text).not.toMatch(/^\s*(routing_key|service_key|api_url|url):/m);
  });
});

describe('monitoring: answers stay data', () => {
  it('keeps a description holding Go-template and PromQL text literal in every annotation', async () => {
    const raw = { ...exampleAnswers('payments-api'), description: 'Pays {{ .Values.secret }} and {{ "x" }} }} with \\ "quotes" sum(rate(x[5m]))' };
    const files = await renderAnswers(raw);
    const alerts = alertsIn(ruleFiles(files));
    for (const alert of alerts) {
      const description = alert.annotations!.description!;
      expect(unexpectedActions(description), alert.alert).toEqual([]);
      expect(expandTemplate(description, {}, 1)).toContain(`Service: ${raw.description}`);
      for (const value of Object.values(alert.labels ?? {})) expect(unexpectedActions(value)).toEqual([]);
    }
    // The twin: the same text put in raw would leave actions behind.
    expect(unexpectedActions(`Service: ${raw.description}`)).not.toEqual([]);
  });

  it('rejects SLO targets outside (0.9, 0.99999] and latency thresholds that are not positive durations', () => {
    const base = exampleAnswers('payments-api');
    const slo = (s: Record<string, unknown>) => validateAnswers({ ...base, slo: { ...(base.slo as object), ...s } }).ok;
    expect(slo({ availability: 0.999, latencyTarget: 0.95, latencyThreshold: '1s' })).toBe(true);
    for (const bad of [0.9, 0.5, 1, 0.999999]) expect(slo({ availability: bad }), String(bad)).toBe(false);
    for (const bad of [0.9, 1.5]) expect(slo({ latencyTarget: bad }), String(bad)).toBe(false);
    for (const bad of ['0ms', '0s', '-5ms', '300', '1m', '1.5s']) expect(slo({ latencyThreshold: bad }), bad).toBe(false);
  });
});

describe('monitoring: runbooks', () => {
  it('has one runbook template per alert the baseline can emit, each with the four sections', () => {
    const dir = join(templatesRoot, 'monitoring', 'runbooks');
    expect(readdirSync(dir).map((f) => f.replace(/\.md$/, '')).sort()).toEqual([...RUNBOOKS].sort());
    for (const name of RUNBOOKS) {
      const text = readFileSync(join(dir, `${name}.md`), 'utf8');
      expect(text.startsWith(`# ${name}\n`), name).toBe(true);
      for (const section of ['## Meaning', '## Impact', '## Diagnosis', '## Mitigation']) expect(text, `${name} ${section}`).toContain(section);
      expect(text).not.toMatch(/\{\{/);
    }
  });
});
