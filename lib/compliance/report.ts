/** Audit output: a table for people, JSON for scripts, SARIF 2.1.0 for code scanning. */
import { isGlob } from './glob.js';
import { MATRIX_PATH } from './matrix.js';
import type { AuditReport, CheckResult, ControlResult } from './audit.js';
import { WAIVERS_PATH } from './waivers.js';

export const FORMATS = ['table', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export const WAIVER_RULE_ID = 'FLUXORA:waiver';
const INFORMATION_URI = 'https://www.npmjs.com/package/generator-fluxora';

function failedChecks(control: ControlResult): CheckResult[] {
  return control.checks.filter((c) => !c.ok);
}

export function formatTable(report: AuditReport): string {
  const lines: string[] = [];
  const width = Math.max(8, ...report.controls.map((c) => c.id.length));
  lines.push(`fluxora audit: ${report.service} (baseline ${report.baseline}), ${report.today}`);
  lines.push('');
  lines.push(`${'CONTROL'.padEnd(width)}  STATUS      DETAIL`);
  for (const control of report.controls) {
    const failed = failedChecks(control);
    const detail =
      control.status === 'pass' ? `${control.checks.length} check(s) pass`
      : control.status === 'unverified' ? 'no automated check: review'
      : control.status === 'waived' ? `waived until ${control.waiver!.expires} by ${control.waiver!.owner}: ${control.waiver!.reason}`
      : failed[0]!.message;
    lines.push(`${control.id.padEnd(width)}  ${control.status.toUpperCase().padEnd(10)}  ${detail}`);
    if (control.status === 'fail') for (const f of failed.slice(1)) lines.push(`${''.padEnd(width)}  ${''.padEnd(10)}  ${f.message}`);
  }
  for (const p of report.waiverProblems) lines.push(`${p.waiver.control.padEnd(width)}  ${(p.problem === 'expired' ? 'EXPIRED' : 'UNKNOWN').padEnd(10)}  ${p.message}`);
  const { pass, fail, waived, unverified } = report.counts;
  lines.push('');
  lines.push(`${pass} pass, ${fail} fail, ${waived} waived, ${unverified} unverified; ${report.waiverProblems.length} waiver problem(s)`);
  lines.push(report.ok ? 'OK: every promised control is in place' : `FAILED: ${[...report.controls.filter((c) => c.status === 'fail').map((c) => c.id), ...report.waiverProblems.map((p) => `waiver ${p.waiver.control}`)].join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function locationOf(result: CheckResult): { uri: string; line?: number } {
  const file = result.files[0] ?? (isGlob(result.check.file) ? MATRIX_PATH : result.check.file);
  return { uri: file, ...(result.line !== undefined ? { line: result.line } : {}) };
}

function sarifLocation(uri: string, line?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
      ...(line !== undefined ? { region: { startLine: line } } : {}),
    },
  };
}

export function formatSarif(report: AuditReport, toolVersion: string): string {
  const rules = report.controls.map((c) => ({
    id: c.id,
    name: c.id.replace(/[^A-Za-z0-9]+/g, '_'),
    shortDescription: { text: c.title },
    fullDescription: { text: `${c.title} (${c.framework})` },
    helpUri: INFORMATION_URI,
    help: { text: `See COMPLIANCE.md and ${MATRIX_PATH}: the checks that verify ${c.id} in this repository.` },
    defaultConfiguration: { level: 'error' as const },
    properties: { framework: c.framework, tags: ['compliance', c.framework] },
  }));
  rules.push({
    id: WAIVER_RULE_ID,
    name: 'fluxora_waiver',
    shortDescription: { text: 'Waivers must name a known control and must not be expired' },
    fullDescription: { text: `Every waiver in ${WAIVERS_PATH} names a control of ${MATRIX_PATH} and has an expiry date not in the past.` },
    helpUri: INFORMATION_URI,
    help: { text: `Renew or remove the waiver in ${WAIVERS_PATH}.` },
    defaultConfiguration: { level: 'error' },
    properties: { framework: 'fluxora', tags: ['compliance', 'waiver'] },
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: unknown[] = [];
  for (const control of report.controls) {
    if (control.status !== 'fail' && control.status !== 'waived') continue;
    for (const check of failedChecks(control)) {
      const { uri, line } = locationOf(check);
      results.push({
        ruleId: control.id,
        ruleIndex: ruleIndex.get(control.id),
        level: 'error',
        message: { text: `${control.id} (${control.title}) is not met: ${check.check.description}. ${check.message}` },
        locations: [sarifLocation(uri, line)],
        ...(control.status === 'waived' && control.waiver
          ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${control.waiver.reason} (owner ${control.waiver.owner}, expires ${control.waiver.expires})` }] }
          : {}),
      });
    }
  }
  for (const p of report.waiverProblems) {
    results.push({ ruleId: WAIVER_RULE_ID, ruleIndex: ruleIndex.get(WAIVER_RULE_ID), level: 'error', message: { text: p.message }, locations: [sarifLocation(WAIVERS_PATH)] });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'fluxora-audit', version: toolVersion, semanticVersion: toolVersion, informationUri: INFORMATION_URI, rules } },
        automationDetails: { id: 'fluxora-audit/' },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
