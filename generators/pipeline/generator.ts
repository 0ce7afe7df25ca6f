import { ComponentGenerator } from '../../lib/yeoman/generators.js';
import { complianceFilesFor } from '../audit/registry.js';
import { pipelineFiles } from './files.js';

/** `yo fluxora:pipeline`: renders the pipeline baseline into the run (or runs on its own from .yo-rc.json). */
export default class PipelineGenerator extends ComponentGenerator {
  protected readonly contents = pipelineFiles;
  protected override readonly closing = complianceFilesFor;
}
