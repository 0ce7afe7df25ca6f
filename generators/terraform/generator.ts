import { ComponentGenerator } from '../../lib/yeoman/generators.js';
import { complianceFilesFor } from '../audit/registry.js';
import { terraformFiles } from './files.js';

/** `yo fluxora:terraform`: renders the terraform baseline into the run (or runs on its own from .yo-rc.json). */
export default class TerraformGenerator extends ComponentGenerator {
  protected readonly contents = terraformFiles;
  protected override readonly closing = complianceFilesFor;
}
