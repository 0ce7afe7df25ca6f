import { ComponentGenerator } from '../../lib/yeoman/generators.js';
import { complianceFilesFor } from '../audit/registry.js';
import { ansibleFiles } from './files.js';

/** `yo fluxora:ansible`: renders the ansible baseline into the run (or runs on its own from .yo-rc.json). */
export default class AnsibleGenerator extends ComponentGenerator {
  protected readonly contents = ansibleFiles;
  protected override readonly closing = complianceFilesFor;
}
