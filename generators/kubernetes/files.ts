import type { ComponentFiles } from '../../lib/render/files.js';

/** The kubernetes baseline: a table of contents of the files it generates. */
export const kubernetesFiles: ComponentFiles = {
  component: 'kubernetes',
  root: 'kubernetes',
  files: [],
};
