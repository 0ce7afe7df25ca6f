import type { ComponentFiles } from '../../lib/render/files.js';

/** The pipeline baseline: a table of contents of the files it generates. */
export const pipelineFiles: ComponentFiles = {
  component: 'pipeline',
  root: '',
  files: [],
};
