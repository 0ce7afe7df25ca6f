import { ComponentGenerator } from '../../lib/yeoman/generators.js';
import { terraformFiles } from './files.js';

/** `yo fluxora:terraform`: renders the terraform baseline into the run (or runs on its own from .yo-rc.json). */
export default class TerraformGenerator extends ComponentGenerator {
  protected readonly contents = terraformFiles;
}
