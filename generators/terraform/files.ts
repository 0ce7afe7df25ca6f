import type { ComponentFiles } from '../../lib/render/files.js';

/** The terraform baseline: a table of contents of the files it generates. */
export const terraformFiles: ComponentFiles = {
  component: 'terraform',
  root: 'terraform',
  files: [],
};
