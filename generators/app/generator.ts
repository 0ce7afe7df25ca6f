import { fileURLToPath } from 'node:url';
import Generator, { type BaseOptions } from 'yeoman-generator';
import type { Component } from '../../lib/answers/types.js';
import { addComponent, getRun } from '../../lib/yeoman/run.js';
import { askMissing, beginRun, commitTask, declareOptions, endRun, finalizeRun, gatherAnswers, type FluxoraOptions } from '../../lib/yeoman/generators.js';
import { appFiles } from './files.js';
import { complianceFilesFor } from '../audit/registry.js';

type Options = BaseOptions & FluxoraOptions;

/** `yo fluxora`: gathers and validates the answers, then composes the chosen components. */
export default class AppGenerator extends Generator<Options> {
  constructor(args: string[], options: Options) {
    // Never run a package manager: fluxora writes no package.json.
    super(args, options, { customInstallTask: true });
    this.setFeatures({ customCommitTask: commitTask(this) });
    declareOptions(this);
  }

  initializing(): void {
    gatherAnswers(this);
  }

  async prompting(): Promise<void> {
    await askMissing(this);
  }

  async configuring(): Promise<void> {
    const run = beginRun(this);
    for (const component of run.answers.components) await composeComponent(this, component);
  }

  writing(): void {
    addComponent(getRun(this.env)!, appFiles);
  }

  async conflicts(): Promise<void> {
    const run = getRun(this.env)!;
    // The compliance matrix is built from everything the run rendered, so it comes last.
    addComponent(run, complianceFilesFor(run));
    await finalizeRun(this, run);
  }

  end(): void {
    endRun(this);
  }
}

/** Compose by module path and class, so it works from source and from dist/. */
async function composeComponent(gen: AppGenerator, component: Component): Promise<void> {
  const url = new URL(`../${component}/index.js`, import.meta.url);
  const { default: ComponentClass } = (await import(url.href)) as { default: typeof Generator };
  await gen.composeWith({ Generator: ComponentClass, path: fileURLToPath(url) });
}
