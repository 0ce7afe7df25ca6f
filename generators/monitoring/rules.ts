/**
 * The monitoring rule groups as data: one definition per recording rule and alert, with the promtool
 * test cases that prove it. Everything under monitoring/prometheus/ (rules and tests) and the
 * PrometheusRule objects under kubernetes/monitoring/ is serialized from these definitions.
 *
 * Safety: answers reach PromQL only through promqlString (a quoted label value) and reach labels and
 * annotations only through goTemplateText (Prometheus expands Go templates in both).
 */
import type { Context } from '../../lib/answers/context.js';
import { goTemplateText, promqlString } from '../../lib/render/escape.js';
import type { Framework } from '../../lib/answers/types.js';

export type Severity = 'critical' | 'warning' | 'info';
export type GroupKind = 'slo' | 'security' | 'platform';
export const GROUP_KINDS: readonly GroupKind[] = ['slo', 'security', 'platform'];

export interface SeriesInput {
  series: string;
  values: string;
}

/** One promtool alert test: the input, the time, and the alerts of that name expected to fire. */
export interface AlertCase {
  input: SeriesInput[];
  /** Input sample interval (promtool default 1m). */
  interval?: string;
  evalTime: string;
  /** Alerts expected firing at evalTime: labels coming from the expression, and $value. Empty = quiet. */
  fires: { severity: Severity; labels: Record<string, string>; value: number }[];
}

export interface AlertDef {
  kind: 'alert';
  alert: string;
  expr: string;
  for?: string;
  severity: Severity;
  /** `slo`, `security` or `platform`; security alerts are copied to the SIEM. */
  category: GroupKind;
  /** Control ids across every framework; only those in scope are emitted. */
  controls: string[];
  summary: string;
  /** Prometheus template text (constant, ours): `{{ $labels.x }}` and `{{ $value | humanize... }}`. */
  description: string;
  /** Extra static labels. */
  labels?: Record<string, string>;
}

export interface RecordDef {
  kind: 'record';
  record: string;
  expr: string;
  labels?: Record<string, string>;
  /** The value expected from the group's recording-rule test input at its eval time (rounded to `round` when set). */
  expected: { labels: Record<string, string>; value: number; round?: number };
}

export interface GroupDef {
  kind: GroupKind;
  /** Rule group name: `<service>-<kind>`. */
  name: string;
  rules: (AlertDef | RecordDef)[];
  /** Alert test cases by alert name (shared by the rules of the same name, e.g. page and ticket). */
  alertCases: Map<string, AlertCase[]>;
  /** Input series and eval time for the recording rules' promql_expr_tests. */
  recordingCases: { input: SeriesInput[]; interval?: string; evalTime: string; records: string[] }[];
}

const FRAMEWORK_PREFIX: Record<Framework, string> = { 'pci-dss-4': 'PCI-DSS-4.0:', soc2: 'SOC2:', gdpr: 'GDPR:' };

/** The control ids an alert evidences, restricted to the frameworks in scope (SOC 2 ids always kept as the baseline). */
export function complianceLabel(ctx: Context, controls: readonly string[]): string {
  const prefixes = ctx.frameworks.map((f) => FRAMEWORK_PREFIX[f]);
  const kept = controls.filter((id) => prefixes.some((p) => id.startsWith(p)));
  return (kept.length > 0 ? kept : controls.filter((id) => id.startsWith('SOC2:'))).join(' ');
}

export function runbookUrl(ctx: Context, alert: string): string {
  return `https://${ctx.service.repository}/blob/main/monitoring/runbooks/${alert}.md`;
}

/** Words wrapped to lines of at most `width` characters (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/**
 * The service's description, last in every alert description: an answer, so each wrapped line is
 * protected from Go-template expansion (a `{{` in it stays text).
 */
function serviceLine(ctx: Context): string {
  return wrap(`Service: ${ctx.service.description}`, 100).map(goTemplateText).join('\n');
}

function lines(...parts: string[]): string {
  return parts.join('\n');
}

/** The largest power of two strictly inside (low, high), for exact-ish test ratios. */
function powerOfTwoBetween(low: number, high: number): number {
  let p = 1;
  while (p >= high) p /= 2;
  if (p <= low) throw new Error(`no power of two in (${low}, ${high})`);
  return p;
}

const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'] as const;
const WINDOW_MINUTES: Record<(typeof WINDOWS)[number], number> = { '5m': 5, '30m': 30, '1h': 60, '2h': 120, '6h': 360, '1d': 1440, '3d': 4320, '30d': 43200 };

/**
 * The recording rules' test input: 10 requests a minute for 3 hours, failing (or slow) at one a
 * minute during the last 10 minutes only, so that each window sees its own error ratio.
 */
const STEP = { minutes: 180, perMinute: 10, badFrom: 170 };
function stepRatio(windowMinutes: number): number {
  const start = Math.max(0, STEP.minutes - windowMinutes);
  const bad = (t: number) => Math.max(0, t - STEP.badFrom);
  return (bad(STEP.minutes) - bad(start)) / (STEP.perMinute * (STEP.minutes - start));
}
/** PromQL's round(v, to_nearest), as Go computes it. */
export function roundTo(value: number, toNearest: number): number {
  const inverse = 1 / toNearest;
  return Math.floor(value * inverse + 0.5) / inverse;
}
const ROUND = 0.0001;

interface SliSpec {
  slo: 'availability' | 'latency';
  budget: number;
  /** Error-ratio expression over a range window. */
  errorRatio: (window: string) => string;
  /** Input series giving an error ratio of errors/total per minute. */
  input: (errorsPerMinute: number, totalPerMinute: number) => SeriesInput[];
  /** The step input of the recording-rule tests (see STEP). */
  stepInput: SeriesInput[];
  title: string;
}

/** promtool values: `before` per minute until STEP.badFrom, then `after` per minute until STEP.minutes. */
function stepValues(before: number, after: number): string {
  const at = before * STEP.badFrom;
  return `0+${before}x${STEP.badFrom} ${at + after}+${after}x${STEP.minutes - STEP.badFrom - 1}`;
}

function sliSpecs(ctx: Context): SliSpec[] {
  const svc = promqlString(ctx.service.name);
  const leValue = String(ctx.slo.latencyThresholdSeconds);
  // Prometheus 3 normalizes integer bucket bounds to `1.0`; 2.x keeps the client's `1`: match both.
  const leMatcher = Number.isInteger(ctx.slo.latencyThresholdSeconds) ? `le=~${promqlString(`${leValue}(\\.0)?`)}` : `le=${promqlString(leValue)}`;
  const latencyBudget = Number((1 - ctx.slo.latencyTarget).toPrecision(6));
  return [
    {
      slo: 'availability',
      budget: ctx.slo.errorBudget,
      title: 'availability',
      errorRatio: (w) =>
        lines(
          `sum by (service) (rate(http_requests_total{service=${svc}, code=~"5.."}[${w}]))`,
          '/',
          `sum by (service) (rate(http_requests_total{service=${svc}}[${w}]))`,
        ),
      input: (errors, total) => [
        { series: `http_requests_total{service=${svc}, code="200"}`, values: `0+${total - errors}x240` },
        { series: `http_requests_total{service=${svc}, code="500"}`, values: `0+${errors}x240` },
      ],
      stepInput: [
        { series: `http_requests_total{service=${svc}, code="200"}`, values: stepValues(STEP.perMinute, STEP.perMinute - 1) },
        { series: `http_requests_total{service=${svc}, code="500"}`, values: stepValues(0, 1) },
      ],
    },
    {
      slo: 'latency',
      budget: latencyBudget,
      title: `latency (${ctx.slo.latencyThreshold})`,
      errorRatio: (w) =>
        lines(
          '1 - (',
          `  sum by (service) (rate(http_request_duration_seconds_bucket{service=${svc}, ${leMatcher}}[${w}]))`,
          '  /',
          `  sum by (service) (rate(http_request_duration_seconds_count{service=${svc}}[${w}]))`,
          ')',
        ),
      input: (slow, total) => [
        { series: `http_request_duration_seconds_bucket{service=${svc}, le=${promqlString(leValue)}}`, values: `0+${total - slow}x240` },
        { series: `http_request_duration_seconds_count{service=${svc}}`, values: `0+${total}x240` },
      ],
      stepInput: [
        { series: `http_request_duration_seconds_bucket{service=${svc}, le=${promqlString(leValue)}}`, values: stepValues(STEP.perMinute, STEP.perMinute - 1) },
        { series: `http_request_duration_seconds_count{service=${svc}}`, values: stepValues(STEP.perMinute, STEP.perMinute) },
      ],
    },
  ];
}

function sloGroup(ctx: Context): GroupDef {
  const svc = promqlString(ctx.service.name);
  const rules: GroupDef['rules'] = [];
  const alertCases = new Map<string, AlertCase[]>();
  const recordingCases: GroupDef['recordingCases'] = [];
  for (const sli of sliSpecs(ctx)) {
    const slo = sli.slo;
    const sel = `{service=${svc}, slo="${slo}"}`;
    const expLabels = { service: ctx.service.name, slo };
    const records: string[] = [];
    for (const w of WINDOWS) {
      const value = roundTo(stepRatio(WINDOW_MINUTES[w]), ROUND);
      rules.push({ kind: 'record', record: `slo:sli_error:ratio_rate${w}`, expr: sli.errorRatio(w), labels: { slo }, expected: { labels: expLabels, value, round: ROUND } });
      records.push(`slo:sli_error:ratio_rate${w}`);
    }
    rules.push({ kind: 'record', record: 'slo:error_budget:ratio', expr: `vector(${sli.budget})`, labels: { service: ctx.service.name, slo }, expected: { labels: expLabels, value: sli.budget } });
    rules.push({
      kind: 'record',
      record: 'slo:error_budget_remaining:ratio',
      expr: `1 - (slo:sli_error:ratio_rate30d${sel} / ${sli.budget})`,
      labels: { slo },
      expected: { labels: expLabels, value: roundTo(1 - stepRatio(WINDOW_MINUTES['30d']) / sli.budget, ROUND), round: ROUND },
    });
    records.push('slo:error_budget:ratio', 'slo:error_budget_remaining:ratio');
    recordingCases.push({ input: sli.stepInput, evalTime: `${STEP.minutes}m`, records });

    const name = slo === 'availability' ? 'SLOAvailabilityErrorBudgetBurn' : 'SLOLatencyErrorBudgetBurn';
    const burn = (long: string, short: string, factor: number) =>
      lines(`(`, `  slo:sli_error:ratio_rate${long}${sel} > (${factor} * ${sli.budget})`, '  and', `  slo:sli_error:ratio_rate${short}${sel} > (${factor} * ${sli.budget})`, ')');
    const controls = ['SOC2:A1.2', 'SOC2:CC7.2', 'PCI-DSS-4.0:10.7.2', 'GDPR:Art32'];
    const budgetText = `${Number((sli.budget * 100).toPrecision(6))}%`;
    rules.push({
      kind: 'alert',
      alert: name,
      expr: lines(burn('1h', '5m', 14.4), 'or', burn('6h', '30m', 6)),
      for: '2m',
      severity: 'critical',
      category: 'slo',
      controls,
      summary: `{{ $labels.service }} is burning its ${sli.title} error budget fast`,
      description: lines(
        `The ${sli.title} error ratio is {{ $value | humanizePercentage }} over the long window,`,
        `at least 14.4x (1h and 5m) or 6x (6h and 30m) the budget of ${budgetText}.`,
        'At this rate the 30-day error budget is gone within days: page.',
        serviceLine(ctx),
      ),
      labels: { slo },
    });
    rules.push({
      kind: 'alert',
      alert: name,
      expr: lines(burn('1d', '2h', 3), 'or', burn('3d', '6h', 1)),
      for: '15m',
      severity: 'warning',
      category: 'slo',
      controls,
      summary: `{{ $labels.service }} is burning its ${sli.title} error budget steadily`,
      description: lines(
        `The ${sli.title} error ratio is {{ $value | humanizePercentage }} over the long window,`,
        `at least 3x (1d and 2h) or 1x (3d and 6h) the budget of ${budgetText}.`,
        'The budget will run out before the 30-day window ends: open a ticket.',
        serviceLine(ctx),
      ),
      labels: { slo },
    });
    const ticketRatio = powerOfTwoBetween(3 * sli.budget, 6 * sli.budget);
    const total = Math.round(1 / ticketRatio);
    alertCases.set(name, [
      // Every request failing: above 14.4x and 6x whatever the target in (0.9, 0.99999].
      { input: sli.input(1, 1), evalTime: '10m', fires: [{ severity: 'critical', labels: expLabels, value: 1 }] },
      { input: sli.input(1, total), evalTime: '40m', fires: [{ severity: 'warning', labels: expLabels, value: 1 / total }] },
      { input: sli.input(0, 2), evalTime: '40m', fires: [] },
    ]);
  }

  // Info: budget below a quarter (never pages; visible beside warnings and in the UI).
  const avail = sliSpecs(ctx)[0]!;
  const million = 1_000_000;
  const errors = Math.max(1, Math.round(0.9 * ctx.slo.errorBudget * million));
  rules.push({
    kind: 'alert',
    alert: 'SLOErrorBudgetLow',
    expr: `slo:error_budget_remaining:ratio{service=${svc}, slo="availability"} < 0.25`,
    for: '15m',
    severity: 'info',
    category: 'slo',
    controls: ['SOC2:A1.2', 'PCI-DSS-4.0:10.7.2'],
    summary: '{{ $labels.service }} has less than a quarter of its availability error budget left',
    description: lines(
      'Only {{ $value | humanizePercentage }} of the 30-day availability error budget remains.',
      'Prefer reliability work over risky releases until it recovers.',
      serviceLine(ctx),
    ),
  });
  alertCases.set('SLOErrorBudgetLow', [
    {
      input: avail.input(errors, million),
      evalTime: '30m',
      fires: [{ severity: 'info', labels: { service: ctx.service.name, slo: 'availability' }, value: 1 - errors / million / ctx.slo.errorBudget }],
    },
    { input: avail.input(0, million), evalTime: '30m', fires: [] },
  ]);
  return { kind: 'slo', name: `${ctx.service.name}-slo`, rules, alertCases, recordingCases };
}

function securityGroup(ctx: Context): GroupDef {
  const svc = promqlString(ctx.service.name);
  const ns = promqlString(ctx.kubernetes.namespace);
  const nsName = ctx.kubernetes.namespace;
  const k8s = ctx.flags.components.kubernetes;
  const rules: GroupDef['rules'] = [];
  const alertCases = new Map<string, AlertCase[]>();
  const add = (def: Omit<AlertDef, 'kind' | 'category'>, cases: AlertCase[]) => {
    rules.push({ kind: 'alert', category: 'security', ...def });
    alertCases.set(def.alert, cases);
  };

  const authFailures = `http_requests_total{service=${svc}, code=~"401|403"}`;
  add(
    {
      alert: 'AuthenticationFailureSpike',
      expr: lines(
        `sum by (service) (increase(${authFailures}[5m])) > 20`,
        'and',
        `sum by (service) (rate(${authFailures}[5m]))`,
        `  / sum by (service) (rate(http_requests_total{service=${svc}}[5m])) > 0.1`,
      ),
      for: '2m',
      severity: 'warning',
      controls: ['PCI-DSS-4.0:10.2.1.4', 'PCI-DSS-4.0:8.3.4', 'SOC2:CC6.1', 'SOC2:CC7.2', 'GDPR:Art32'],
      summary: 'Authentication failures are spiking on {{ $labels.service }}',
      description: lines(
        '{{ $value | humanize }} requests were refused with 401/403 in the last 5 minutes,',
        'more than 10% of all requests: a credential-stuffing or brute-force attempt, or a broken client.',
        serviceLine(ctx),
      ),
    },
    [
      {
        input: [
          { series: `http_requests_total{service=${svc}, code="401"}`, values: '0+20x30' },
          { series: `http_requests_total{service=${svc}, code="200"}`, values: '0+20x30' },
        ],
        evalTime: '15m',
        fires: [{ severity: 'warning', labels: { service: ctx.service.name }, value: 100 }],
      },
      {
        input: [
          { series: `http_requests_total{service=${svc}, code="401"}`, values: '0+1x30' },
          { series: `http_requests_total{service=${svc}, code="200"}`, values: '0+100x30' },
        ],
        evalTime: '15m',
        fires: [],
      },
    ],
  );

  if (k8s) {
    const pod = 'app-6d4cf-x2x4q';
    add(
      {
        alert: 'FalcoCriticalEvent',
        expr: lines('sum by (rule, k8s_pod_name) (', `  increase(falco_events{k8s_ns_name=${ns}, priority=~"0|1|2"}[5m])`, ') > 0'),
        severity: 'critical',
        controls: ['PCI-DSS-4.0:11.5.1', 'PCI-DSS-4.0:10.2.1', 'SOC2:CC7.2', 'SOC2:CC7.3', 'GDPR:Art32'],
        summary: 'Falco raised a critical event in namespace ' + goTemplateText(nsName),
        description: lines(
          'Falco rule "{{ $labels.rule }}" matched {{ $value | humanize }} time(s) in the last 5 minutes',
          'for pod {{ $labels.k8s_pod_name }} (priority Emergency, Alert or Critical).',
          'Treat it as a potential intrusion until proven otherwise.',
          serviceLine(ctx),
        ),
      },
      [
        {
          input: [{ series: `falco_events{k8s_ns_name=${ns}, k8s_pod_name=${promqlString(pod)}, priority="2", rule="Terminal shell in container"}`, values: '0x5 1x10' }],
          evalTime: '8m',
          fires: [{ severity: 'critical', labels: { k8s_pod_name: pod, rule: 'Terminal shell in container' }, value: 1 }],
        },
        {
          input: [{ series: `falco_events{k8s_ns_name=${ns}, k8s_pod_name=${promqlString(pod)}, priority="4", rule="Read sensitive file untrusted"}`, values: '0+1x15' }],
          evalTime: '8m',
          fires: [],
        },
      ],
    );
  }

  const shipper = 'up{job="fluent-bit"}';
  const logControls = ['PCI-DSS-4.0:10.7.2', 'PCI-DSS-4.0:10.3.3', 'SOC2:CC7.2', 'SOC2:CC7.3', 'GDPR:Art30'];
  add(
    {
      alert: 'AuditLogShipperDown',
      expr: `${shipper} == 0`,
      for: '5m',
      severity: 'critical',
      controls: logControls,
      summary: 'Audit log shipper {{ $labels.instance }} is down',
      description: lines(
        'The Fluent Bit instance {{ $labels.instance }} has not answered its scrape for 5 minutes.',
        'Audit and security logs from its node are not reaching the SIEM: a critical security control has failed.',
        serviceLine(ctx),
      ),
    },
    [
      { input: [{ series: 'up{job="fluent-bit", instance="10.0.1.17:2020"}', values: '1x5 0x20' }], evalTime: '20m', fires: [{ severity: 'critical', labels: { job: 'fluent-bit', instance: '10.0.1.17:2020' }, value: 0 }] },
      { input: [{ series: 'up{job="fluent-bit", instance="10.0.1.17:2020"}', values: '1x25' }], evalTime: '20m', fires: [] },
    ],
  );
  add(
    {
      alert: 'AuditLogShipperAbsent',
      expr: `absent(${shipper})`,
      for: '10m',
      severity: 'critical',
      controls: logControls,
      summary: 'No audit log shipper is being scraped',
      description: lines(
        'Prometheus has no Fluent Bit target (job="fluent-bit") at all.',
        'Either the log pipeline is gone or its scrape configuration is: audit logs cannot be proven to flow.',
        serviceLine(ctx),
      ),
    },
    [
      { input: [{ series: 'up{job="node-exporter", instance="10.0.1.17:9100"}', values: '1x20' }], evalTime: '15m', fires: [{ severity: 'critical', labels: { job: 'fluent-bit' }, value: 1 }] },
      { input: [{ series: 'up{job="fluent-bit", instance="10.0.1.17:2020"}', values: '1x20' }], evalTime: '15m', fires: [] },
    ],
  );
  add(
    {
      alert: 'AuditLogDeliveryFailing',
      expr: 'sum by (instance, name) (increase(fluentbit_output_retries_failed_total[10m])) > 0',
      severity: 'critical',
      controls: logControls,
      summary: 'Fluent Bit output {{ $labels.name }} on {{ $labels.instance }} is dropping records',
      description: lines(
        '{{ $value | humanize }} chunks exhausted their retries in the last 10 minutes and were discarded.',
        'Log records, possibly audit records, were lost before reaching the SIEM.',
        serviceLine(ctx),
      ),
    },
    [
      {
        input: [{ series: 'fluentbit_output_retries_failed_total{instance="10.0.1.17:2020", name="forward.0"}', values: '0x5 1+1x9' }],
        evalTime: '15m',
        fires: [{ severity: 'critical', labels: { instance: '10.0.1.17:2020', name: 'forward.0' }, value: 10 }],
      },
      { input: [{ series: 'fluentbit_output_retries_failed_total{instance="10.0.1.17:2020", name="forward.0"}', values: '3x20' }], evalTime: '15m', fires: [] },
    ],
  );

  const secretName = `${ctx.service.name}-tls`;
  add(
    {
      alert: 'CertificateExpiringSoon',
      expr: lines(
        '(',
        `  min by (secret_name, secret_key) (x509_cert_not_after{secret_namespace=${ns}})`,
        '  or',
        `  min by (instance) (probe_ssl_earliest_cert_expiry{service=${svc}})`,
        ') - time() < 21 * 86400',
      ),
      for: '15m',
      severity: 'warning',
      controls: ['PCI-DSS-4.0:4.2.1', 'SOC2:CC6.7', 'GDPR:Art32'],
      summary: `A certificate of ${goTemplateText(ctx.service.name)} expires in less than 21 days`,
      description: lines(
        'The certificate {{ $labels.secret_name }}{{ $labels.instance }} expires in {{ $value | humanizeDuration }}.',
        'Renew it now: an expired certificate breaks TLS and with it strong cryptography in transit.',
        serviceLine(ctx),
      ),
    },
    [
      {
        input: [{ series: `x509_cert_not_after{secret_namespace=${ns}, secret_name=${promqlString(secretName)}, secret_key="tls.crt"}`, values: '864000x40' }],
        evalTime: '30m',
        fires: [{ severity: 'warning', labels: { secret_name: secretName, secret_key: 'tls.crt' }, value: 864000 - 1800 }],
      },
      {
        input: [{ series: `x509_cert_not_after{secret_namespace=${ns}, secret_name=${promqlString(secretName)}, secret_key="tls.crt"}`, values: '5184000x40' }],
        evalTime: '30m',
        fires: [],
      },
    ],
  );

  if (k8s) {
    const es = `${ctx.service.name}-app`;
    add(
      {
        alert: 'ExternalSecretSyncError',
        expr: lines('max by (namespace, name) (', `  externalsecret_status_condition{namespace=${ns}, condition="Ready", status="False"}`, ') == 1'),
        for: '10m',
        severity: 'warning',
        controls: ['PCI-DSS-4.0:8.6.3', 'PCI-DSS-4.0:3.6.1', 'SOC2:CC6.1'],
        summary: 'ExternalSecret {{ $labels.namespace }}/{{ $labels.name }} cannot sync',
        description: lines(
          'The ExternalSecret {{ $labels.name }} has reported Ready=False for 10 minutes.',
          'Pods keep the last synced value: a rotated credential is not being delivered.',
          serviceLine(ctx),
        ),
      },
      [
        {
          input: [{ series: `externalsecret_status_condition{namespace=${ns}, name=${promqlString(es)}, condition="Ready", status="False"}`, values: '1x30' }],
          evalTime: '20m',
          fires: [{ severity: 'warning', labels: { namespace: nsName, name: es }, value: 1 }],
        },
        {
          input: [
            { series: `externalsecret_status_condition{namespace=${ns}, name=${promqlString(es)}, condition="Ready", status="False"}`, values: '0x30' },
            { series: `externalsecret_status_condition{namespace=${ns}, name=${promqlString(es)}, condition="Ready", status="True"}`, values: '1x30' },
          ],
          evalTime: '20m',
          fires: [],
        },
      ],
    );
  }

  if (ctx.flags.vault) {
    const vaultControls = ['PCI-DSS-4.0:3.6.1', 'PCI-DSS-4.0:8.6.3', 'SOC2:CC6.1', 'SOC2:A1.2', 'GDPR:Art32'];
    add(
      {
        alert: 'VaultSealed',
        expr: 'vault_core_unsealed{job="vault"} == 0',
        for: '1m',
        severity: 'critical',
        controls: vaultControls,
        summary: 'Vault node {{ $labels.instance }} is sealed',
        description: lines(
          'Vault on {{ $labels.instance }} reports itself sealed: it serves no secret and no encryption key.',
          'New pods and credential rotations that need Vault fail until it is unsealed.',
          serviceLine(ctx),
        ),
      },
      [
        { input: [{ series: 'vault_core_unsealed{job="vault", instance="vault-0:8200"}', values: '1x3 0x20' }], evalTime: '10m', fires: [{ severity: 'critical', labels: { job: 'vault', instance: 'vault-0:8200' }, value: 0 }] },
        { input: [{ series: 'vault_core_unsealed{job="vault", instance="vault-0:8200"}', values: '1x20' }], evalTime: '10m', fires: [] },
      ],
    );
    add(
      {
        alert: 'VaultUnreachable',
        expr: lines('up{job="vault"} == 0', 'or', 'absent(up{job="vault"})'),
        for: '5m',
        severity: 'critical',
        controls: vaultControls,
        summary: 'Vault is unreachable',
        description: lines(
          'Prometheus cannot scrape Vault ({{ $labels.instance }}) or has no Vault target at all.',
          'Secret delivery and rotation depend on it.',
          serviceLine(ctx),
        ),
      },
      [
        { input: [{ series: 'up{job="vault", instance="vault-0:8200"}', values: '0x20' }], evalTime: '10m', fires: [{ severity: 'critical', labels: { job: 'vault', instance: 'vault-0:8200' }, value: 0 }] },
        { input: [{ series: 'up{job="vault", instance="vault-0:8200"}', values: '1x20' }], evalTime: '10m', fires: [] },
      ],
    );
  }

  add(
    {
      alert: 'KMSKeyDisabledOrPendingDeletion',
      expr: 'sum(max_over_time(aws_log_metrics_kms_key_disable_or_deletion_sum[1h])) > 0',
      severity: 'critical',
      controls: ['PCI-DSS-4.0:3.6.1', 'PCI-DSS-4.0:3.7.1', 'SOC2:CC6.1', 'GDPR:Art32'],
      summary: 'A KMS key was disabled or scheduled for deletion',
      description: lines(
        'CloudTrail recorded {{ $value | humanize }} DisableKey or ScheduleKeyDeletion call(s) in the last hour.',
        'Data encrypted under the key becomes unreadable when it is deleted: confirm the change was approved.',
        serviceLine(ctx),
      ),
    },
    [
      { input: [{ series: 'aws_log_metrics_kms_key_disable_or_deletion_sum{job="cloudwatch", instance="cloudwatch-exporter:9106"}', values: '0x5 1x10' }], evalTime: '10m', fires: [{ severity: 'critical', labels: {}, value: 1 }] },
      { input: [{ series: 'aws_log_metrics_kms_key_disable_or_deletion_sum{job="cloudwatch", instance="cloudwatch-exporter:9106"}', values: '0x15' }], evalTime: '10m', fires: [] },
    ],
  );

  rules.push({
    kind: 'record',
    record: 'service:http_response_size_bytes:rate1h',
    expr: `sum by (service) (rate(http_response_size_bytes_sum{service=${svc}}[1h]))`,
    expected: { labels: { service: ctx.service.name }, value: 100 },
  });
  const bytes = `service:http_response_size_bytes:rate1h{service=${svc}}`;
  const bytesSeries = `http_response_size_bytes_sum{service=${svc}}`;
  add(
    {
      alert: 'DataAccessVolumeAnomaly',
      expr: `${bytes}\n  > 3 * avg_over_time(${bytes}[7d] offset 1h)`,
      for: '30m',
      severity: 'warning',
      controls: ['PCI-DSS-4.0:10.4.1.1', 'PCI-DSS-4.0:A3.5.1', 'SOC2:CC7.2', 'GDPR:Art32', 'GDPR:Art33'],
      summary: '{{ $labels.service }} is returning far more data than usual',
      description: lines(
        'Responses total {{ $value | humanize1024 }}B/s over the last hour, more than 3x the 7-day average.',
        'A bulk export or scraping of personal or cardholder data looks like this: find who is reading.',
        serviceLine(ctx),
      ),
    },
    [
      { input: [{ series: bytesSeries, values: '0+6000x180 2280000+1200000x90' }], evalTime: '4h', fires: [{ severity: 'warning', labels: { service: ctx.service.name }, value: 20000 }] },
      { input: [{ series: bytesSeries, values: '0+6000x270' }], evalTime: '4h', fires: [] },
    ],
  );

  if (k8s) {
    const schedule = `${nsName}-daily`;
    add(
      {
        alert: 'BackupTooOld',
        expr: lines('time() - max by (schedule) (', `  velero_backup_last_successful_timestamp{schedule=~${promqlString(`${regexEscape(nsName)}-.*`)}}`, ') > 26 * 3600'),
        for: '15m',
        severity: 'warning',
        controls: ['SOC2:A1.2', 'SOC2:A1.3', 'GDPR:Art32', 'PCI-DSS-4.0:12.10.1'],
        summary: 'The last successful backup of schedule {{ $labels.schedule }} is too old',
        description: lines(
          'The last successful Velero backup of {{ $labels.schedule }} finished {{ $value | humanizeDuration }} ago (limit 26h).',
          'A restore today would lose more data than the recovery point objective allows.',
          serviceLine(ctx),
        ),
      },
      [
        { input: [{ series: `velero_backup_last_successful_timestamp{schedule=${promqlString(schedule)}}`, values: '0x400' }], interval: '5m', evalTime: '27h', fires: [{ severity: 'warning', labels: { schedule }, value: 27 * 3600 }] },
        { input: [{ series: `velero_backup_last_successful_timestamp{schedule=${promqlString(schedule)}}`, values: '0+300x400' }], interval: '5m', evalTime: '27h', fires: [] },
      ],
    );
  }

  add(
    {
      alert: 'InfrastructureDriftDetected',
      expr: `max by (stack) (fluxora_drift_resources{service=${svc}}) > 0`,
      for: '5m',
      severity: 'warning',
      controls: ['PCI-DSS-4.0:11.5.2', 'PCI-DSS-4.0:1.2.2', 'SOC2:CC8.1', 'SOC2:CC7.1'],
      summary: 'Drift detected in stack {{ $labels.stack }}',
      description: lines(
        'The drift job found {{ $value | humanize }} resource(s) in {{ $labels.stack }} that differ from the code.',
        'An unreviewed change bypassed change control: reconcile it or codify it.',
        serviceLine(ctx),
      ),
    },
    [
      { input: [{ series: `fluxora_drift_resources{service=${svc}, stack="terraform-prod"}`, values: '3x20' }], evalTime: '10m', fires: [{ severity: 'warning', labels: { stack: 'terraform-prod' }, value: 3 }] },
      { input: [{ series: `fluxora_drift_resources{service=${svc}, stack="terraform-prod"}`, values: '0x20' }], evalTime: '10m', fires: [] },
    ],
  );
  return {
    kind: 'security',
    name: `${ctx.service.name}-security`,
    rules,
    alertCases,
    recordingCases: [{ input: [{ series: bytesSeries, values: '0+6000x180' }], evalTime: '2h', records: ['service:http_response_size_bytes:rate1h'] }],
  };
}

function regexEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function platformGroup(ctx: Context): GroupDef {
  const ns = promqlString(ctx.kubernetes.namespace);
  const nsName = ctx.kubernetes.namespace;
  const svc = promqlString(ctx.service.name);
  const rules: GroupDef['rules'] = [];
  const alertCases = new Map<string, AlertCase[]>();
  const add = (def: Omit<AlertDef, 'kind' | 'category'>, cases: AlertCase[]) => {
    rules.push({ kind: 'alert', category: 'platform', ...def });
    alertCases.set(def.alert, cases);
  };
  if (ctx.flags.components.kubernetes) {
    const pod = 'app-6d4cf-x2x4q';
    const waiting = `kube_pod_container_status_waiting_reason{namespace=${ns}, pod=${promqlString(pod)}, container="app", reason="CrashLoopBackOff"}`;
    add(
      {
        alert: 'KubePodCrashLooping',
        expr: lines('max_over_time(', `  kube_pod_container_status_waiting_reason{namespace=${ns}, reason="CrashLoopBackOff"}[5m]`, ') >= 1'),
        for: '15m',
        severity: 'warning',
        controls: ['SOC2:A1.2', 'SOC2:CC7.2'],
        summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping',
        description: lines(
          'Container {{ $labels.container }} of pod {{ $labels.pod }} has been in CrashLoopBackOff for 15 minutes.',
          serviceLine(ctx),
        ),
      },
      [
        { input: [{ series: waiting, values: '1x30' }], evalTime: '25m', fires: [{ severity: 'warning', labels: { namespace: nsName, pod, container: 'app', reason: 'CrashLoopBackOff' }, value: 1 }] },
        { input: [{ series: waiting, values: '0x30' }], evalTime: '25m', fires: [] },
      ],
    );
    const hpa = `{namespace=${ns}, horizontalpodautoscaler=${promqlString(ctx.service.name)}}`;
    add(
      {
        alert: 'KubeHpaMaxedOut',
        expr: lines(
          `kube_horizontalpodautoscaler_status_current_replicas{namespace=${ns}}`,
          '  ==',
          `kube_horizontalpodautoscaler_spec_max_replicas{namespace=${ns}}`,
        ),
        for: '15m',
        severity: 'warning',
        controls: ['SOC2:A1.1'],
        summary: 'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} is at its maximum',
        description: lines(
          'The autoscaler has run at its maximum of {{ $value | humanize }} replicas for 15 minutes and cannot add capacity.',
          'Raise maxReplicas or the resource quota, or find what drives the load.',
          serviceLine(ctx),
        ),
      },
      [
        {
          input: [
            { series: `kube_horizontalpodautoscaler_status_current_replicas${hpa}`, values: '12x30' },
            { series: `kube_horizontalpodautoscaler_spec_max_replicas${hpa}`, values: '12x30' },
          ],
          evalTime: '20m',
          fires: [{ severity: 'warning', labels: { namespace: nsName, horizontalpodautoscaler: ctx.service.name }, value: 12 }],
        },
        {
          input: [
            { series: `kube_horizontalpodautoscaler_status_current_replicas${hpa}`, values: '4x30' },
            { series: `kube_horizontalpodautoscaler_spec_max_replicas${hpa}`, values: '12x30' },
          ],
          evalTime: '20m',
          fires: [],
        },
      ],
    );
    const pdb = `kube_poddisruptionbudget_status_pod_disruptions_allowed{namespace=${ns}, poddisruptionbudget=${promqlString(ctx.service.name)}}`;
    add(
      {
        alert: 'KubePdbAtLimit',
        expr: lines(`kube_poddisruptionbudget_status_pod_disruptions_allowed{namespace=${ns}}`, '  == 0'),
        for: '15m',
        severity: 'warning',
        controls: ['SOC2:A1.2'],
        summary: 'PodDisruptionBudget {{ $labels.namespace }}/{{ $labels.poddisruptionbudget }} allows no disruption',
        description: lines(
          'The budget has allowed no voluntary disruption for 15 minutes: too few pods are healthy.',
          'Node drains and cluster upgrades are blocked, and one more failure breaks availability.',
          serviceLine(ctx),
        ),
      },
      [
        { input: [{ series: pdb, values: '0x30' }], evalTime: '20m', fires: [{ severity: 'warning', labels: { namespace: nsName, poddisruptionbudget: ctx.service.name }, value: 0 }] },
        { input: [{ series: pdb, values: '1x30' }], evalTime: '20m', fires: [] },
      ],
    );
  }
  add(
    {
      alert: 'Watchdog',
      expr: 'vector(1)',
      severity: 'info',
      controls: ['PCI-DSS-4.0:10.7.2', 'SOC2:CC7.2'],
      summary: 'Alerting pipeline heartbeat',
      description: lines(
        'This alert always fires. It proves that Prometheus evaluates rules and Alertmanager delivers them:',
        'the dead man\'s switch receiver raises an incident when the heartbeat stops.',
        serviceLine(ctx),
      ),
    },
    [{ input: [], evalTime: '1m', fires: [{ severity: 'info', labels: {}, value: 1 }] }],
  );
  const infoAlert = `ALERTS{alertname="SLOErrorBudgetLow", alertstate="firing", severity="info", service=${svc}}`;
  add(
    {
      alert: 'InfoInhibitor',
      expr: lines(
        `ALERTS{severity="info", alertstate="firing", service=${svc}, alertname!~"InfoInhibitor|Watchdog"} == 1`,
        'unless on (service)',
        `ALERTS{severity=~"warning|critical", alertstate="firing", service=${svc}} == 1`,
      ),
      severity: 'info',
      controls: ['SOC2:CC7.2'],
      summary: 'Info alerts of {{ $labels.service }} are held back',
      description: lines(
        'Info alerts are firing with no warning or critical alert beside them.',
        'This alert inhibits them in Alertmanager so that they only show next to something actionable.',
        serviceLine(ctx),
      ),
    },
    [
      { input: [{ series: infoAlert, values: '1x20' }], evalTime: '10m', fires: [{ severity: 'info', labels: { alertstate: 'firing', service: ctx.service.name }, value: 1 }] },
      {
        input: [
          { series: infoAlert, values: '1x20' },
          { series: `ALERTS{alertname="KubePodCrashLooping", alertstate="firing", severity="warning", service=${svc}}`, values: '1x20' },
        ],
        evalTime: '10m',
        fires: [],
      },
    ],
  );
  return { kind: 'platform', name: `${ctx.service.name}-platform`, rules, alertCases, recordingCases: [] };
}

/** The three rule groups of this service, decided once from the context. */
export function ruleGroups(ctx: Context): GroupDef[] {
  return [sloGroup(ctx), securityGroup(ctx), platformGroup(ctx)];
}

/** Every alert of every group. */
export function alertsOf(groups: readonly GroupDef[]): AlertDef[] {
  return groups.flatMap((g) => g.rules.filter((r): r is AlertDef => r.kind === 'alert'));
}

/** The labels every alert carries (values protected from Go-template expansion). */
export function alertLabels(ctx: Context, def: AlertDef): Record<string, string> {
  return {
    severity: def.severity,
    team: goTemplateText(ctx.service.team),
    service: goTemplateText(ctx.service.name),
    category: def.category,
    compliance: complianceLabel(ctx, def.controls),
    ...(def.labels ?? {}),
  };
}

export function alertAnnotations(ctx: Context, def: AlertDef): Record<string, string> {
  return { summary: def.summary, description: def.description, runbook_url: goTemplateText(runbookUrl(ctx, def.alert)) };
}

/** A rule group in Prometheus' own shape (shared by the rules files and PrometheusRule objects). */
export function prometheusGroup(ctx: Context, group: GroupDef): object {
  return {
    name: group.name,
    rules: group.rules.map((rule) =>
      rule.kind === 'record'
        ? { record: rule.record, expr: rule.expr, ...(rule.labels ? { labels: rule.labels } : {}) }
        : {
            alert: rule.alert,
            expr: rule.expr,
            ...(rule.for ? { for: rule.for } : {}),
            labels: alertLabels(ctx, rule),
            annotations: alertAnnotations(ctx, rule),
          },
    ),
  };
}
