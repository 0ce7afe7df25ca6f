import type { Context } from '../../lib/answers/context.js';
import type { ComponentFiles } from '../../lib/render/files.js';

/**
 * Actions used by the workflow, pinned by full commit SHA (the version is the trailing comment).
 * One place to bump them; the tests check every `uses:` is a 40-hex SHA.
 */
export const ACTIONS = {
  checkout: { uses: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  awsCredentials: { uses: 'aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502', version: 'v4.0.2' },
  setupTerraform: { uses: 'hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd', version: 'v3.1.2' },
  setupHelm: { uses: 'azure/setup-helm@9bc31f4ebc9c6b171d7bfbaa5d006ae7abdb4310', version: 'v5.0.1' },
  uploadSarif: { uses: 'github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7', version: 'v4.31.9' },
  trivy: { uses: 'aquasecurity/trivy-action@ed142fd0673e97e23eac54620cfb913e5ce36c25', version: 'v0.36.0' },
  cosignInstaller: { uses: 'sigstore/cosign-installer@6f9f17788090df1f26f669e9d70d6ae9567deba6', version: 'v4.1.2' },
} as const;

/** Tool versions installed by `run:` steps (pipx / go install verify them against their indexes). */
export const TOOLS = {
  yamllint: '1.38.0',
  ansibleLint: '26.10.1',
  checkov: '3.3.30',
  gitleaks: 'v8.21.2',
  kubeLinter: 'v0.7.1',
  terraform: '1.11.4',
  helm: 'v3.17.3',
  yamllintTag: 'v1.38.0',
  ansibleLintTag: 'v26.10.1',
  preCommitHooks: 'v5.0.0',
  preCommitTerraform: 'v1.96.1',
} as const;

const ECR = /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+)$/;

/** A stable minute/hour from the service name, so many repos do not all run drift detection at once. */
function driftCron(service: string): string {
  let h = 0;
  for (const ch of service) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return `${h % 60} ${4 + (h % 3)} * * 1-5`;
}

export function pipelineView(ctx: Context) {
  const service = ctx.service.name;
  const image = ctx.kubernetes.image ?? '';
  const ecr = ECR.exec(image);
  return {
    actions: ACTIONS,
    tools: TOOLS,
    fluxoraPackage: `generator-fluxora@${ctx.generator.version}`,
    driftCron: driftCron(service),
    terraformRoots: 'terraform/environments',
    environments: ctx.environments.map((env) => ({
      name: env.name,
      accountId: env.accountId,
      region: env.region,
      planRole: `arn:aws:iam::${env.accountId}:role/${service}-ci-plan`,
    })),
    image: {
      enabled: ctx.flags.components.kubernetes && image !== '',
      repository: image,
      ecr: ecr !== null,
      registry: ecr ? image.split('/')[0]! : '',
      region: ecr ? ecr[2]! : ctx.firstEnvironment.region,
      pushRole: ecr ? `arn:aws:iam::${ecr[1]}:role/${service}-ci-image-signer` : '',
    },
  };
}

const has = (c: keyof Context['flags']['components']) => (ctx: Context) => ctx.flags.components[c];

/** The pipeline baseline: the team's CI, its pre-commit hooks and the scanners' configs (repo root). */
export const pipelineFiles: ComponentFiles = {
  component: 'pipeline',
  root: '',
  view: pipelineView,
  files: [
    {
      template: 'github/workflows/infra-ci.yml.hbs',
      to: '.github/workflows/infra-ci.yml',
      controls: [
        'PCI-DSS-4.0:2.2.1',
        'PCI-DSS-4.0:6.3.1',
        'PCI-DSS-4.0:6.3.2',
        'PCI-DSS-4.0:6.5.1',
        'PCI-DSS-4.0:7.2.5',
        'PCI-DSS-4.0:8.6.2',
        'SOC2:CC7.1',
        'SOC2:CC8.1',
        'GDPR:Art25',
        'GDPR:Art32',
      ],
    },
    { template: 'pre-commit-config.yaml.hbs', to: '.pre-commit-config.yaml', controls: ['PCI-DSS-4.0:8.6.2', 'SOC2:CC8.1'] },
    { template: 'checkov.yaml', to: '.checkov.yaml', controls: ['PCI-DSS-4.0:6.3.1'] },
    { template: 'gitleaks.toml', to: '.gitleaks.toml', controls: ['PCI-DSS-4.0:8.6.2'] },
    { template: 'trivy.yaml', to: 'trivy.yaml', controls: ['PCI-DSS-4.0:6.3.1'] },
    { template: 'kube-linter.yaml', to: '.kube-linter.yaml', when: has('kubernetes'), controls: ['PCI-DSS-4.0:2.2.1'] },
    { template: 'ansible-lint', to: '.ansible-lint', when: has('ansible'), header: 'hash' },
  ],
  nextSteps: (ctx) => [
    `Create the read-only CI role ${ctx.service.name}-ci-plan (trusting GitHub OIDC for ${ctx.service.repository}) in every environment account; the plan and drift jobs assume it.`,
    'Protect the default branch: require the infra-ci checks and a review before merge.',
    'pre-commit install   # run the same hooks locally',
  ],
};
