/**
 * promtool unit tests, built from the same definitions as the rules (rules.ts): every alert gets its
 * firing and quiet cases with the exact labels and annotations Prometheus will produce, every
 * recording rule a promql_expr_test.
 */
import type { Context } from '../../lib/answers/context.js';
import { alertAnnotations, alertLabels, type AlertDef, type GroupDef, type RecordDef } from './rules.js';

/** Go's `%.4g` for the magnitudes our tests use (no exponent form). */
function g4(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(value.toPrecision(4)))));
  if (exponent < -4 || exponent >= 4) throw new Error(`test value ${value} would need an exponent in %.4g`);
  return String(Number(value.toPrecision(4)));
}

/** Prometheus' template functions, as far as the expected annotations need them. */
const HUMANIZE: Record<string, (v: number) => string> = {
  humanize(v) {
    if (v === 0) return g4(v);
    let prefix = '';
    if (Math.abs(v) >= 1) {
      for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
        if (Math.abs(v) < 1000) break;
        prefix = p;
        v /= 1000;
      }
      return `${g4(v)}${prefix}`;
    }
    for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
      if (Math.abs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
    return `${g4(v)}${prefix}`;
  },
  humanize1024(v) {
    if (Math.abs(v) <= 1) return g4(v);
    let prefix = '';
    for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
      if (Math.abs(v) < 1024) break;
      prefix = p;
      v /= 1024;
    }
    return `${g4(v)}${prefix}`;
  },
  humanizePercentage(v) {
    return `${g4(v * 100)}%`;
  },
  humanizeDuration(v) {
    if (Math.abs(v) < 1) throw new Error('sub-second durations are not used in tests');
    const sign = v < 0 ? '-' : '';
    const s = Math.trunc(Math.abs(v));
    const [days, hours, minutes, seconds] = [Math.trunc(s / 86400), Math.trunc(s / 3600) % 24, Math.trunc(s / 60) % 60, s % 60];
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(Math.abs(v))}s`;
  },
};

/** Go string literal -> text (the inverse of goQuoted in lib/render/escape.ts). */
function unquoteGo(body: string): string {
  return JSON.parse(`"${body.replace(/\\x([0-9a-f]{2})/g, '\\u00$1')}"`) as string;
}

/**
 * Expand the Prometheus template text (annotations see only the expression's labels, not the rule's) we emit, exactly as Prometheus will: `{{ "literal" }}`,
 * `{{ $labels.x }}` (missing -> empty) and `{{ $value | fn }}`. Anything else is an error.
 */
const ACTION = /\{\{ (?:"((?:[^"\\]|\\.)*)"|\$labels\.(\w+)|\$value \| (\w+)) \}\}/g;

export function expandTemplate(text: string, labels: Record<string, string>, value: number): string {
  const rest = text.replace(ACTION, '');
  if (rest.includes('{{') || rest.includes('}}')) throw new Error(`unsupported template action in ${text}`);
  return text.replace(ACTION, (_m, literal?: string, label?: string, fn?: string) => {
    if (literal !== undefined) return unquoteGo(literal);
    if (label !== undefined) return labels[label] ?? '';
    const humanize = HUMANIZE[fn!];
    if (!humanize) throw new Error(`unsupported template function ${fn}`);
    return humanize(value);
  });
}

function expandAll(values: Record<string, string>, labels: Record<string, string>, value: number): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, expandTemplate(v, labels, value)]));
}

function sortedKeys(object: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function seriesOf(input: { series: string; values: string }[]) {
  return input.map((s) => ({ series: s.series, values: s.values }));
}

function labelString(name: string, labels: Record<string, string>): string {
  const body = Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${name}{${body}}`;
}

/** The promtool test file of one rules file: `tests/<service>-<kind>.test.yaml`. */
export function testFile(ctx: Context, group: GroupDef): object {
  const tests: object[] = [];
  for (const rc of group.recordingCases) {
    const records = group.rules.filter((r): r is RecordDef => r.kind === 'record' && rc.records.includes(r.record) && inputMatches(rc, r));
    const seen = new Set<string>();
    const exprTests: object[] = [];
    for (const r of records) {
      const selector = labelString(r.record, r.expected.labels);
      if (seen.has(selector)) continue;
      seen.add(selector);
      // round() keeps the comparison exact where the value is a quotient of rates; it drops the name.
      const round = r.expected.round;
      const expr = round === undefined ? selector : `round(${selector}, ${round})`;
      const labels = round === undefined ? selector : labelString('', r.expected.labels);
      exprTests.push({ expr, eval_time: rc.evalTime, exp_samples: [{ labels, value: r.expected.value }] });
    }
    tests.push({ ...(rc.interval ? { interval: rc.interval } : { interval: '1m' }), input_series: seriesOf(rc.input), promql_expr_test: exprTests });
  }
  const alerts = group.rules.filter((r): r is AlertDef => r.kind === 'alert');
  for (const [name, cases] of group.alertCases) {
    const defs = alerts.filter((a) => a.alert === name);
    for (const c of cases) {
      const expAlerts = c.fires.map((fire) => {
        const def = defs.find((d) => d.severity === fire.severity);
        if (!def) throw new Error(`no ${fire.severity} rule for ${name}`);
        const ruleLabels = alertLabels(ctx, def);
        const labels = sortedKeys(expandAll({ ...fire.labels, ...ruleLabels }, fire.labels, fire.value));
        return { exp_labels: labels, exp_annotations: expandAll(alertAnnotations(ctx, def), fire.labels, fire.value) };
      });
      tests.push({
        interval: c.interval ?? '1m',
        input_series: seriesOf(c.input),
        alert_rule_test: [{ eval_time: c.evalTime, alertname: name, exp_alerts: expAlerts }],
      });
    }
  }
  return { rule_files: [`../rules/${group.name}.rules.yaml`], evaluation_interval: '1m', tests };
}

/** A recording case's input feeds the SLI whose `slo` label the record carries (or any, if unlabelled). */
function inputMatches(rc: GroupDef['recordingCases'][number], record: RecordDef): boolean {
  const slo = record.expected.labels.slo;
  if (slo === undefined) return true;
  const metric = slo === 'latency' ? 'http_request_duration_seconds' : 'http_requests_total';
  return rc.input.some((s) => s.series.startsWith(metric));
}
