import type { ComponentFiles } from '../../lib/render/files.js';

/** The repository skeleton every run writes: README, editor and lint settings. */
export const appFiles: ComponentFiles = {
  component: 'app',
  root: '',
  files: [
    { template: 'README.md.hbs' },
    { template: 'gitignore', to: '.gitignore' },
    { template: 'gitattributes', to: '.gitattributes' },
    { template: 'editorconfig', to: '.editorconfig' },
    { template: 'yamllint', to: '.yamllint' },
    { template: 'prettierignore', to: '.prettierignore' },
  ],
};
