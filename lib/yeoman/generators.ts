/**
 * Yeoman integration: the base classes the generators extend. Public methods of a Yeoman generator
 * run as steps, so each class holds only its step methods; the work is done by functions below.
 */
import { relative, resolve } from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { isFilePending, isFileStateDeleted, setCommittedFile } from 'mem-fs-editor/state';
import type { MemFsEditorFile } from 'mem-fs-editor';
import { commitWrites, type WriteEntry } from '../baseline/commit.js';
import { changesBetween, readChangelog } from '../baseline/changelog.js';
import { createTwoFilesPatch } from 'diff';
import { STATUSES, type FileStatus, type PlannedFile, type UpdatePlan } from '../baseline/plan.js';
import type { ComponentFiles } from '../render/files.js';
import { currentBaselineVersion } from '../paths.js';
import {
  fieldsToAsk,
  getPath,
  isAnswered,
  mergeAnswers,
  questionFor,
  readAnswersFile,
  setPath,
  type RawAnswers,
} from './answers-input.js';
import { addComponent, getRun, planRun, startRun, type Run } from './run.js';

export interface FluxoraOptions {
  answers?: string;
  askAnswered?: boolean;
  interactive?: boolean;
  dryRun?: boolean;
  /** With dryRun: only report whether the repo would change (the bin's --check). */
  check?: boolean;
  [key: string]: unknown;
}

/** What a finished run reports (read by the bin to choose its exit code). */
export interface RunOutcome {
  plan: UpdatePlan;
  dryRun: boolean;
}
// Shared through globalThis: the same registry whether this module was loaded from source or dist/.
const outcomes: WeakMap<object, RunOutcome> = ((globalThis as Record<symbol, unknown>)[Symbol.for('generator-fluxora.outcomes')] ??= new WeakMap()) as WeakMap<object, RunOutcome>;
export function runOutcome(env: object): RunOutcome | undefined {
  return outcomes.get(env);
}

type Options = BaseOptions & FluxoraOptions;
type AnyGenerator = Generator<Options>;
const opts = (gen: AnyGenerator): Options => gen.options as Options;

function declareOptions(gen: AnyGenerator): void {
  gen.option('answers', { type: String, description: 'YAML or JSON answers file (see schemas/answers.schema.json)' });
  gen.option('ask-answered', { type: Boolean, description: 'Ask again the questions already answered in .yo-rc.json' });
  gen.option('interactive', { type: Boolean, description: 'Prompt for missing answers (default: when stdin is a terminal)' });
}

/** Stored answers (.yo-rc.json) overlaid with the answers file, if any. */
function loadRawAnswers(gen: AnyGenerator): RawAnswers {
  const stored = gen.config.get('answers') as RawAnswers | undefined;
  const file = opts(gen).answers;
  const given = file ? readAnswersFile(resolve(gen.env.cwd ?? process.cwd(), file)) : undefined;
  return mergeAnswers(stored, given);
}

function isInteractive(gen: AnyGenerator): boolean {
  return opts(gen).interactive ?? Boolean(process.stdin.isTTY);
}

async function promptEnvironments(gen: AnyGenerator, raw: RawAnswers): Promise<void> {
  const { names } = await gen.prompt<{ names: string }>([
    { type: 'input', name: 'names', message: 'Environments, in promotion order (comma-separated)', default: 'dev,staging,prod' },
  ]);
  const environments: RawAnswers[] = [];
  for (const name of names.split(',').map((n) => n.trim()).filter(Boolean)) {
    const env = await gen.prompt<{ accountId: string; region: string; tier: string }>([
      { type: 'input', name: 'accountId', message: `${name}: AWS account id (12 digits)` },
      { type: 'input', name: 'region', message: `${name}: AWS region`, default: 'eu-west-1' },
      { type: 'select', name: 'tier', message: `${name}: sizing tier`, choices: ['small', 'medium', 'large'], default: name === 'prod' ? 'large' : 'small' },
    ]);
    environments.push({ name, ...env });
  }
  raw.environments = environments;
}

/** Ask every relevant, unanswered question (all of them with --ask-answered), in schema order. */
async function promptMissing(gen: AnyGenerator, raw: RawAnswers): Promise<RawAnswers> {
  if (!isInteractive(gen)) return raw;
  const askAnswered = opts(gen).askAnswered === true;
  const answers = structuredClone(raw);
  // Fields are asked one at a time so that later conditions see earlier answers.
  const asked = new Set<string>();
  for (;;) {
    const next = fieldsToAsk(answers, askAnswered).find((f) => !asked.has(f.path));
    if (!next) break;
    asked.add(next.path);
    // With --ask-answered, the stored answer is the default.
    const question = questionFor(next, getPath(answers, next.path));
    const result = await gen.prompt<Record<string, unknown>>([question as never]);
    const value = result[question.name as string];
    if (value !== undefined) setPath(answers, next.path, value);
    if (next.path === 'components' && (askAnswered || !isAnswered(answers, 'environments'))) await promptEnvironments(gen, answers);
  }
  return answers;
}

/** Write the plan through mem-fs; the merge decided each file, so Yeoman's conflicter never asks. */
function applyPlan(gen: AnyGenerator, run: Run, plan: UpdatePlan): void {
  const editor = gen.fs;
  const store = gen.env.sharedFs;
  const put = (path: string, content: string | null, status: 'create' | 'force', mode?: number) => {
    const abs = resolve(run.root, path);
    if (content === null) editor.delete(abs);
    else editor.write(abs, content);
    const file = store.get(abs) as { conflicter?: string; stat?: { mode?: number } | null };
    file.conflicter = status;
    if (mode !== undefined && content !== null) file.stat = { ...(file.stat ?? {}), mode };
  };
  for (const file of plan.files) {
    if (file.write === undefined) continue;
    put(file.path, file.write, file.status === 'created' ? 'create' : 'force', file.mode);
  }
  for (const entry of plan.bookkeeping) put(entry.path, entry.content, 'force');
}

function printDryRun(gen: AnyGenerator, plan: UpdatePlan): void {
  for (const file of plan.files) {
    gen.log(`${file.status.padEnd(13)} ${file.path}`);
    if (file.write === undefined) continue;
    const patch = createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, file.before ?? '', file.write ?? '', undefined, undefined, { context: 3 });
    gen.log(patch.split('\n').slice(2).join('\n'));
  }
}

function counts(files: PlannedFile[]): string {
  const by = new Map<FileStatus, number>();
  for (const f of files) by.set(f.status, (by.get(f.status) ?? 0) + 1);
  return STATUSES.filter((s) => by.has(s)).map((s) => `${by.get(s)} ${s}`).join(', ') || 'no files';
}

function summarize(gen: AnyGenerator, run: Run, plan: UpdatePlan, nextSteps: string[]): void {
  const perComponent = new Map<string, number>();
  for (const f of plan.files) if (f.status !== 'removed') perComponent.set(f.component, (perComponent.get(f.component) ?? 0) + 1);
  const controls = new Set(run.rendered.flatMap((f) => f.controls));
  const lines = [
    '',
    `fluxora: baseline ${currentBaselineVersion()} ${plan.files.length > 0 ? `(${counts(plan.files)})` : ''}`.trimEnd(),
    `  files per component: ${[...perComponent].sort().map(([c, n]) => `${c} ${n}`).join(', ')}`,
    `  controls implemented: ${controls.size}${controls.size > 0 ? ' (see COMPLIANCE.md and compliance/controls.json)' : ''}`,
  ];
  if (plan.conflicts.length > 0) {
    lines.push(`  CONFLICTS in ${plan.conflicts.length} file(s): resolve the markers, then run again:`);
    lines.push(...plan.conflicts.map((p) => `    - ${p}`));
  }
  if (nextSteps.length > 0) lines.push('', 'Next steps:', ...nextSteps.map((s) => `  ${s}`));
  gen.log(lines.join('\n'));
}

/** On an upgrade, what changed between the repo's baseline and this one (from CHANGELOG.md). */
function printUpgradeNotes(gen: AnyGenerator, run: Run): void {
  const from = run.oldManifest?.baseline;
  const to = currentBaselineVersion();
  if (run.recovered > 0) gen.log(`fluxora: completed an interrupted earlier run (${run.recovered} writes replayed from its journal)`);
  if (!from || from === to) return;
  const sections = changesBetween(readChangelog(), from, to);
  gen.log(`fluxora: upgrading baseline ${from} -> ${to}`);
  for (const section of sections) gen.log(`\n## ${section.version}\n${section.body}`);
}

/**
 * Yeoman's commit, replaced: every pending mem-fs file (the plan's writes and .yo-rc.json) goes
 * through the journaled, atomic writer, in the order team files, pristine copies, answers, manifest.
 */
export function commitTask(gen: AnyGenerator): () => Promise<void> {
  return async () => {
    const root = gen.destinationRoot();
    const entries: WriteEntry[] = [];
    const statuses = new Map<string, string>();
    for (const file of gen.env.sharedFs.all() as MemFsEditorFile[]) {
      if (!isFilePending(file)) continue;
      const path = relative(root, file.path).split('\\').join('/');
      if (path.startsWith('../')) throw new Error(`refusing to write outside the repository: ${file.path}`);
      const mode = file.stat?.mode ?? undefined;
      entries.push({ path, content: isFileStateDeleted(file) ? null : String(file.contents ?? ''), ...(mode ? { mode } : {}) });
      statuses.set(path, (file as { conflicter?: string }).conflicter ?? 'force');
      setCommittedFile(file);
    }
    const log = gen.log as unknown as Record<string, ((path: string) => void) | undefined>;
    commitWrites(root, entries, (entry) => {
      if (entry.path.startsWith('.fluxora/')) return;
      const status = entry.content === null ? 'skip' : (statuses.get(entry.path) ?? 'force');
      const line = entry.content === null ? `${entry.path} (removed)` : entry.path;
      const method = log[status];
      if (method) method.call(log, line);
      else gen.log(line);
    });
  };
}

/** Finalize a run: format, plan, then write (or print, with --dry-run). */
async function finalizeRun(gen: AnyGenerator, run: Run): Promise<void> {
  gen.log(`fluxora: formatting and merging ${run.rendered.length} files...`);
  let last = 0;
  const plan = await planRun(run, (done, total) => {
    const pct = Math.floor((done / total) * 4);
    if (pct > last && done < total) {
      last = pct;
      gen.log(`  ${done}/${total}`);
    }
  });
  const dryRun = opts(gen).dryRun === true || (gen.env as unknown as { options?: { dryRun?: boolean } }).options?.dryRun === true;
  outcomes.set(gen.env, { plan, dryRun });
  printUpgradeNotes(gen, run);
  if (dryRun) {
    if (opts(gen).check !== true) printDryRun(gen, plan);
    return;
  }
  applyPlan(gen, run, plan);
  // Touch .yo-rc.json only when something changed: a second run with nothing new writes nothing.
  if (JSON.stringify(gen.config.get('answers')) !== JSON.stringify(run.raw)) gen.config.set('answers', run.raw as never);
  if (gen.config.get('baseline') !== currentBaselineVersion()) gen.config.set('baseline', currentBaselineVersion());
}

/** Raw answers being gathered before the run starts, per environment. */
const pending = new WeakMap<object, RawAnswers>();

/** Step 1 (initializing): read .yo-rc.json and the answers file. */
export function gatherAnswers(gen: AnyGenerator): void {
  pending.set(gen.env, loadRawAnswers(gen));
}

/** Step 2 (prompting): ask what is missing. */
export async function askMissing(gen: AnyGenerator): Promise<void> {
  pending.set(gen.env, await promptMissing(gen, pending.get(gen.env) ?? {}));
}

/** Step 3 (configuring): validate and start the run; throws before anything is written. */
export function beginRun(gen: AnyGenerator, onlyComponent?: string): Run {
  const raw = structuredClone(pending.get(gen.env) ?? {});
  // A component generator run on its own turns its component on (the same flow as changing answers).
  if (onlyComponent && Array.isArray(raw.components) && !raw.components.includes(onlyComponent)) {
    raw.components = [...(raw.components as string[]), onlyComponent];
  }
  return startRun(gen.env, gen.destinationRoot(), raw, onlyComponent === undefined);
}

/** Step 4 (end): the closing summary; a conflict makes the process exit 1. */
export function endRun(gen: AnyGenerator): void {
  const run = getRun(gen.env)!;
  const outcome = runOutcome(gen.env)!;
  summarize(gen, run, outcome.plan, outcome.dryRun ? [] : run.nextSteps);
  if (outcome.plan.conflicts.length > 0) process.exitCode = 1;
}

export { finalizeRun, declareOptions };

/** A component generator: a table of contents of files, rendered into the run. */
export abstract class ComponentGenerator extends Generator<Options> {
  protected abstract readonly contents: ComponentFiles;
  /** Files derived from the whole run (the compliance matrix), added last when run on its own. */
  protected readonly closing?: (run: Run) => ComponentFiles;
  /** True when this generator was run on its own (it then starts and finalizes the run). */
  protected owner = false;

  constructor(args: string[], options: Options) {
    // Steps live on this base class: let Yeoman queue inherited methods.
    super(args, options, { inheritTasks: true });
    // Composed by the app (a run already exists), the app owns install and commit; on its own, this does.
    if (!getRun(options.env as object)) this.setFeatures({ customInstallTask: true, customCommitTask: commitTask(this) });
    declareOptions(this);
  }

  initializing(): void {
    if (getRun(this.env)) return;
    this.owner = true;
    gatherAnswers(this);
  }

  async prompting(): Promise<void> {
    if (this.owner) await askMissing(this);
  }

  configuring(): void {
    if (this.owner) beginRun(this, this.contents.component);
  }

  writing(): void {
    const run = getRun(this.env)!;
    if (!run.context.flags.components[this.contents.component as keyof Run['context']['flags']['components']]) return;
    addComponent(run, this.contents);
  }

  async conflicts(): Promise<void> {
    if (!this.owner) return;
    const run = getRun(this.env)!;
    if (this.closing) addComponent(run, this.closing(run));
    await finalizeRun(this, run);
  }

  end(): void {
    if (this.owner) endRun(this);
  }
}
