import { ComponentGenerator } from '../../lib/yeoman/generators.js';
import { complianceFilesFor } from '../audit/registry.js';
import { kubernetesFiles } from './files.js';

/** `yo fluxora:kubernetes`: renders the kubernetes baseline into the run (or runs on its own from .yo-rc.json). */
export default class KubernetesGenerator extends ComponentGenerator {
  protected readonly contents = kubernetesFiles;
  protected override readonly closing = complianceFilesFor;
}
