import type { ComponentFiles } from '../../lib/render/files.js';

/** The ansible baseline: a table of contents of the files it generates. */
export const ansibleFiles: ComponentFiles = {
  component: 'ansible',
  root: 'ansible',
  files: [],
};
