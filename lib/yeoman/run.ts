/**
 * One fluxora run inside a Yeoman environment: the answers, the derived context, the rendered files
 * of every component taking part, and the update plan. The generator that starts the run (the app
 * generator, or a component generator run on its own) finalizes it; composed generators only render.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answers } from '../answers/types.js';
import { buildContext, type Context } from '../answers/context.js';
import { formatProblems, validateAnswers, type Problem } from '../answers/schema.js';
import { baselinePath, parseManifest, MANIFEST_PATH, type Manifest } from '../baseline/manifest.js';
import { findMarkers, planUpdate, type UpdatePlan } from '../baseline/plan.js';
import { recoverInterruptedRun } from '../baseline/commit.js';
import { formatFiles, renderComponent, type ComponentFiles, type RenderedFile } from '../render/files.js';
import { currentBaselineVersion, generatorName } from '../paths.js';
import type { RawAnswers } from './answers-input.js';

export class InvalidAnswersError extends Error {
  override name = 'InvalidAnswersError';
  constructor(readonly problems: Problem[]) {
    super(`The answers are invalid; nothing was written.\n${formatProblems(problems)}`);
  }
}

export class ConflictMarkersError extends Error {
  override name = 'ConflictMarkersError';
  constructor(readonly files: string[]) {
    super(
      `Conflict markers from an earlier run are still in ${files.length} file(s); resolve them, then run again:\n${files.map((f) => `  - ${f}`).join('\n')}`,
    );
  }
}

export interface Run {
  raw: RawAnswers;
  answers: Answers;
  context: Context;
  /** Components rendered in this run ('app' is the repo skeleton). */
  components: Set<string>;
  /**
   * Whether this run speaks for the whole baseline (the app generator) or only for the components
   * it rendered (a component generator run on its own). A whole run removes the files of components
   * that were turned off; a partial run leaves other components' files alone.
   */
  whole: boolean;
  rendered: RenderedFile[];
  nextSteps: string[];
  /** Writes replayed from an interrupted earlier run's journal (0: none). */
  recovered: number;
  plan?: UpdatePlan;
  oldManifest?: Manifest;
  root: string;
}

// Shared through globalThis: one registry even when lib/ is loaded twice (from source and dist/).
const runs: WeakMap<object, Run> = ((globalThis as Record<symbol, unknown>)[Symbol.for('generator-fluxora.runs')] ??= new WeakMap()) as WeakMap<object, Run>;

export function getRun(env: object): Run | undefined {
  return runs.get(env);
}

export function readText(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  }
}

export function readManifest(root: string): Manifest | undefined {
  const text = readText(root, MANIFEST_PATH);
  return text === undefined ? undefined : parseManifest(text);
}

/** Validate, build the context and register the run; throws before anything is written. */
export function startRun(env: object, root: string, raw: RawAnswers, whole = true): Run {
  const result = validateAnswers(raw);
  if (!result.ok) throw new InvalidAnswersError(result.problems);
  const recovered = recoverInterruptedRun(root);
  const oldManifest = readManifest(root);
  if (oldManifest) {
    const marked = findMarkers(Object.keys(oldManifest.files), (p) => readText(root, p));
    if (marked.length > 0) throw new ConflictMarkersError(marked);
  }
  const run: Run = {
    raw,
    answers: result.answers,
    context: buildContext(result.answers),
    components: new Set(),
    whole,
    rendered: [],
    nextSteps: [],
    recovered,
    root,
    ...(oldManifest ? { oldManifest } : {}),
  };
  runs.set(env, run);
  return run;
}

export function addComponent(run: Run, files: ComponentFiles): void {
  run.components.add(files.component);
  run.rendered.push(...renderComponent(files, run.context));
  run.nextSteps.push(...(files.nextSteps?.(run.context) ?? []));
}

/** Format every rendered file and plan the update against the repo as it is on disk. */
export async function planRun(run: Run, onProgress?: (done: number, total: number) => void): Promise<UpdatePlan> {
  const seen = new Map<string, RenderedFile>();
  for (const file of run.rendered) {
    const other = seen.get(file.path);
    if (other) throw new Error(`two templates render ${file.path}: ${other.source} and ${file.source}`);
    seen.set(file.path, file);
  }
  const formatted = await formatFiles(
    [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    onProgress,
  );
  run.plan = planUpdate({
    rendered: formatted,
    components: run.whole ? new Set([...run.components, ...Object.values(run.oldManifest?.files ?? {}).map((e) => e.component)]) : run.components,
    oldManifest: run.oldManifest,
    generator: generatorName,
    version: currentBaselineVersion(),
    readCurrent: (p) => readText(run.root, p),
    readPristine: (p) => readText(run.root, baselinePath(p)),
  });
  return run.plan;
}
