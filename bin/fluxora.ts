#!/usr/bin/env node
/**
 * `fluxora`: runs the fluxora generators without `yo` (no generator search, no global install).
 *
 *   fluxora [app|ansible|terraform|kubernetes|monitoring|pipeline] [--answers FILE] [--dry-run]
 *           [--ask-answered] [--cwd DIR]
 *   fluxora audit [--format table|json|sarif] [--cwd DIR]   (see lib/compliance/cli.ts)
 *
 * Exit codes: 0 done; 1 conflicts (or a failure); 2 bad usage or invalid answers (nothing written).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATORS = ['app', 'ansible', 'terraform', 'kubernetes', 'monitoring', 'pipeline'] as const;

const USAGE = `Usage: fluxora [generator] [options]

Generators: ${GENERATORS.join(', ')} (default: app, which composes the components in the answers)
Audit:      fluxora audit [--format table|json|sarif] [--cwd DIR]  (fluxora audit --help)

Options:
  --answers FILE    YAML or JSON answers file (schema: schemas/answers.schema.json)
  --dry-run         print the plan and unified diffs; write nothing (exit 1 if conflicts would occur)
  --check           CI gate: write nothing; exit 1 if this generator version would change the repo
  --ask-answered    ask again the questions already answered in .yo-rc.json
  --cwd DIR         the repository to render into (default: the current directory)
  -h, --help        this text
  -v, --version     the baseline version

Exit codes: 0 done, 1 conflicts or failure, 2 bad usage or invalid answers (nothing written).`;

class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        answers: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        'ask-answered': { type: 'boolean', default: false },
        cwd: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function main(argv: string[]): Promise<number> {
  // `fluxora audit ...` is not a generator: it evaluates compliance/controls.json (lib/compliance/cli.ts).
  if (argv[0] === 'audit') return (await import('../lib/compliance/cli.js')).runAudit(argv.slice(1));
  const { values, positionals } = parse(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    const { baselineVersion } = await import('../lib/paths.js');
    process.stdout.write(`${baselineVersion}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one generator, got: ${positionals.join(' ')}`);
  const name = positionals[0] ?? 'app';
  if (!(GENERATORS as readonly string[]).includes(name)) throw new UsageError(`unknown generator "${name}"; expected one of ${GENERATORS.join(', ')}`);
  const cwd = resolve(values.cwd ?? process.cwd());
  const answers = values.answers ? resolve(process.cwd(), values.answers) : undefined;

  if (answers) await precheckAnswers(answers, cwd);
  // A new folder for a new repository is made on demand, once the answers are known to be valid.
  if (values.cwd) (await import('node:fs')).mkdirSync(cwd, { recursive: true });
  const [{ createEnv }, { runOutcome }] = await Promise.all([import('yeoman-environment'), import('../lib/yeoman/generators.js')]);
  const env = createEnv({ cwd, skipInstall: true });
  const modulePath = fileURLToPath(new URL(`../generators/${name}/index.js`, import.meta.url));
  env.register(modulePath, { namespace: `fluxora:${name}` });
  const options = {
    ...(answers ? { answers } : {}),
    askAnswered: values['ask-answered'],
    interactive: Boolean(process.stdin.isTTY),
    dryRun: values['dry-run'] || values.check,
    check: values.check,
    skipInstall: true,
  };
  await env.run([`fluxora:${name}`], options as Parameters<typeof env.run>[1]);
  const outcome = runOutcome(env);
  if (!outcome) return 1;
  if (values.check) {
    const changes = outcome.plan.files.filter((f) => f.write !== undefined);
    if (changes.length === 0 && outcome.plan.bookkeeping.length === 0) return 0;
    process.stderr.write(
      `fluxora --check: this baseline would change the repository:\n${changes.map((f) => `  ${f.status.padEnd(13)} ${f.path}`).join('\n')}${changes.length === 0 ? '  (bookkeeping only: .fluxora/)' : ''}\n`,
    );
    return 1;
  }
  return outcome.plan.conflicts.length > 0 ? 1 : 0;
}

/**
 * Fail fast, before loading Yeoman, on an answers file that cannot be read or, when the repo has no
 * stored answers to merge it with, that is invalid on its own. The generator validates again.
 */
async function precheckAnswers(file: string, cwd: string): Promise<void> {
  const [{ readAnswersFile }, { validateAnswers }, { InvalidAnswersError }, { existsSync }] = await Promise.all([
    import('../lib/yeoman/answers-input.js'),
    import('../lib/answers/schema.js'),
    import('../lib/yeoman/run.js'),
    import('node:fs'),
  ]);
  const raw = readAnswersFile(file);
  if (existsSync(resolve(cwd, '.yo-rc.json'))) return;
  const result = validateAnswers(raw);
  if (!result.ok) throw new InvalidAnswersError(result.problems);
}

const INPUT_ERRORS = new Set(['InvalidAnswersError', 'AnswersInputError', 'UsageError']);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    const name = err instanceof UsageError ? 'UsageError' : err.name;
    process.stderr.write(`fluxora: ${err.message}\n${name === 'UsageError' ? `\n${USAGE}\n` : ''}`);
    process.exitCode = INPUT_ERRORS.has(name) ? 2 : 1;
  },
);
