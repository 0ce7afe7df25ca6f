import type { ComponentFiles } from '../../lib/render/files.js';

/** The monitoring baseline: a table of contents of the files it generates. */
export const monitoringFiles: ComponentFiles = {
  component: 'monitoring',
  root: 'monitoring',
  files: [],
};
