import { ComponentGenerator } from '../../lib/yeoman/generators.js';
import { complianceFilesFor } from '../audit/registry.js';
import { monitoringFiles } from './files.js';

/** `yo fluxora:monitoring`: renders the monitoring baseline into the run (or runs on its own from .yo-rc.json). */
export default class MonitoringGenerator extends ComponentGenerator {
  protected readonly contents = monitoringFiles;
  protected override readonly closing = complianceFilesFor;
}
