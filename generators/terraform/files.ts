import type { ComponentFiles, FileSpec } from '../../lib/render/files.js';
import { MODULES, readmeModel } from './modules.js';

const MODULE_FILES = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'];

/** Every module's code, copied verbatim: module code needs no answer. */
const moduleCode: FileSpec[] = MODULES.flatMap((m) =>
  [...MODULE_FILES, ...(m.extraFiles ?? [])].map((file) => ({ template: `modules/${m.name}/${file}` })),
);

/** One README per module, its inputs/outputs table read from the module's variables.tf and outputs.tf. */
const moduleReadmes: FileSpec = {
  template: 'modules/README.md.hbs',
  each: () => MODULES.map((m) => ({ to: `modules/${m.name}/README.md`, locals: { module: readmeModel(m) } })),
};

/** The terraform baseline: a table of contents of the files it generates. */
export const terraformFiles: ComponentFiles = {
  component: 'terraform',
  root: 'terraform',
  files: [...moduleCode, moduleReadmes],
};
