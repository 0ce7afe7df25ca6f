import type { Context } from '../../lib/answers/context.js';
import type { ComponentFiles, FileSpec, FileTarget } from '../../lib/render/files.js';
import { MODULES, readmeModel } from './modules.js';
import { accounts, environmentView, stateBackend, terraformView } from './view.js';

const MODULE_FILES = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'];

/** Every module's code, copied verbatim: module code needs no answer. */
const moduleCode: FileSpec[] = MODULES.flatMap((m) =>
  [...MODULE_FILES, ...(m.extraFiles ?? [])].map((file) => ({
    template: `modules/${m.name}/${file}`,
    ...(file === 'main.tf' && m.controls ? { controls: m.controls } : {}),
  })),
);

/** One README per module, its inputs/outputs table read from the module's variables.tf and outputs.tf. */
const moduleReadmes: FileSpec = {
  template: 'modules/README.md.hbs',
  each: () => MODULES.map((m) => ({ to: `modules/${m.name}/README.md`, locals: { module: readmeModel(m) } })),
};

/** One output per environment: `environments/<env>/<file>`, with the environment and its backend. */
function perEnvironment(file: string) {
  return (ctx: Context): FileTarget[] =>
    ctx.environments.map((env) => {
      const backend = stateBackend(ctx, env);
      return {
        to: `environments/${env.name}/${file}`,
        locals: { env: { ...env, ...environmentView(env), stateBucket: backend.bucket, stateKey: backend.key, stateKmsKeyId: backend.kmsKeyId, stateKmsAlias: backend.kmsAlias } },
      };
    });
}

/** The environment roots: static wiring copied verbatim, answers only in backend.tf and terraform.tfvars. */
const environmentRoots: FileSpec[] = [
  { template: 'environments/backend.tf.hbs', each: perEnvironment('backend.tf'), controls: ['PCI-DSS-4.0:3.5.1', 'SOC2:CC6.1'] },
  { template: 'environments/versions.tf', each: perEnvironment('versions.tf') },
  { template: 'environments/providers.tf', each: perEnvironment('providers.tf'), controls: ['PCI-DSS-4.0:6.5.3'] },
  { template: 'environments/variables.tf', each: perEnvironment('variables.tf') },
  { template: 'environments/main.tf', each: perEnvironment('main.tf') },
  { template: 'environments/outputs.tf', each: perEnvironment('outputs.tf') },
  { template: 'environments/terraform.tfvars.hbs', each: perEnvironment('terraform.tfvars') },
];

const BOOTSTRAP = 'bootstrap/state-backend';
/** The state backend root, applied once per account before any environment. */
const bootstrap: FileSpec[] = [
  ...['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'providers.tf'].map((file) => ({
    template: `${BOOTSTRAP}/${file}`,
    ...(file === 'main.tf' ? { controls: ['PCI-DSS-4.0:3.5.1', 'PCI-DSS-4.0:3.7.4', 'PCI-DSS-4.0:10.2.1', 'PCI-DSS-4.0:10.3.2', 'SOC2:CC6.1'] } : {}),
  })),
  { template: `${BOOTSTRAP}/README.md.hbs` },
  {
    template: `${BOOTSTRAP}/account.tfvars.hbs`,
    each: (ctx) => accounts(ctx).map((account) => ({ to: `${BOOTSTRAP}/${account.file}`, locals: { account } })),
  },
];

/** The terraform baseline: a table of contents of the files it generates. */
export const terraformFiles: ComponentFiles = {
  component: 'terraform',
  root: 'terraform',
  view: terraformView,
  files: [
    { template: 'README.md.hbs' },
    { template: 'Makefile' },
    { template: 'scripts/drift.sh', mode: 0o755, controls: ['PCI-DSS-4.0:11.5.2', 'SOC2:CC7.1'] },
    { template: 'gitignore', to: '.gitignore' },
    ...moduleCode,
    moduleReadmes,
    ...environmentRoots,
    ...bootstrap,
  ],
  nextSteps: (ctx) => [
    ...accounts(ctx).map((a) => `cd terraform/bootstrap/state-backend && terraform init && terraform apply -var-file=${a.file}`),
    'make -C terraform fmt-check test validate',
  ],
};
