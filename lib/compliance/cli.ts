/**
 * `fluxora audit [--format table|json|sarif] [--cwd DIR] [--output FILE]`: evaluates every check the
 * repository was promised. Exit codes: 0 all pass (or waived), 1 a control fails or a waiver is
 * expired or unknown, 2 usage error (bad option, no compliance/controls.json, invalid waivers file).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { baselineVersion } from '../paths.js';
import { AuditInputError, runAuditChecks, type AuditReport } from './audit.js';
import { FORMATS, formatJson, formatSarif, formatTable, type Format } from './report.js';

export const AUDIT_USAGE = `Usage: fluxora audit [options]

Evaluates every check in compliance/controls.json (and the pristine copy in .fluxora/baseline/)
against the repository as it is now, honouring the waivers in .fluxora/waivers.yaml.

Options:
  --format FORMAT   table (default), json or sarif (SARIF 2.1.0)
  --output FILE     write the report to FILE instead of standard output
  --cwd DIR         the repository to audit (default: the current directory)
  --today DATE      evaluate waiver expiry as of DATE (YYYY-MM-DD; default: today, UTC)
  -h, --help        this text

Exit codes: 0 every promised control is in place (or waived), 1 a control fails or a waiver is
expired or names an unknown control, 2 usage error.`;

export interface AuditIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const defaultIo: AuditIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() };

export function renderReport(report: AuditReport, format: Format): string {
  if (format === 'json') return formatJson(report);
  if (format === 'sarif') return formatSarif(report, baselineVersion);
  return formatTable(report);
}

/** Run the audit command; returns the exit code (never throws for expected failures). */
export async function runAudit(argv: string[], io: AuditIo = defaultIo): Promise<number> {
  let values: { format?: string; output?: string; cwd?: string; today?: string; help?: boolean };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        format: { type: 'string' },
        output: { type: 'string' },
        cwd: { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
  } catch (error) {
    io.stderr(`fluxora audit: ${(error as Error).message}\n\n${AUDIT_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${AUDIT_USAGE}\n`);
    return 0;
  }
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`fluxora audit: unknown format "${values.format}"; expected one of ${FORMATS.join(', ')}\n\n${AUDIT_USAGE}\n`);
    return 2;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    io.stderr(`fluxora audit: --today must be YYYY-MM-DD\n`);
    return 2;
  }
  const root = resolve(io.cwd, values.cwd ?? '.');
  let report: AuditReport;
  try {
    report = await runAuditChecks(root, values.today ? { today: values.today } : {});
  } catch (error) {
    if (error instanceof AuditInputError) {
      io.stderr(`fluxora audit: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const text = renderReport(report, format);
  if (values.output) {
    writeFileSync(resolve(io.cwd, values.output), text);
    if (format !== 'table') io.stderr(formatTable(report));
  } else io.stdout(text);
  return report.ok ? 0 : 1;
}
