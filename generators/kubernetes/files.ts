import type { Context } from '../../lib/answers/context.js';
import type { FileSpec, FileTarget, Locals } from '../../lib/render/files.js';
import type { ComponentFiles } from '../../lib/render/files.js';
import { chartYaml, environmentValues, valuesSchema, valuesYaml } from './chart.js';
import { auditPolicy, clusterAutoscalerValues, falcoRules } from './cluster.js';
import * as platform from './platform.js';
import { yamlDocument } from './platform.js';
import { kubernetesView, type KubeEnvironment, type KubeView } from './view.js';

const viewOf = (locals: Locals) => locals.view as KubeView;
const envOf = (locals: Locals) => locals.env as KubeEnvironment;
const chartDir = (ctx: Context) => `helm/${ctx.service.name}`;
const perEnvironment = (to: (env: string) => string) => (ctx: Context): FileTarget[] =>
  kubernetesView(ctx).environments.map((env) => ({ to: to(env.name), locals: { env } }));

const PSS = ['PCI-DSS-4.0:2.2.1', 'PCI-DSS-4.0:2.2.5', 'SOC2:CC6.8'];
const SEGMENTATION = ['PCI-DSS-4.0:1.2.1', 'PCI-DSS-4.0:1.3.1', 'PCI-DSS-4.0:1.3.2', 'PCI-DSS-4.0:1.4.2', 'SOC2:CC6.6'];
const ACCESS = ['PCI-DSS-4.0:7.2.1', 'PCI-DSS-4.0:7.2.2', 'SOC2:CC6.1', 'SOC2:CC6.3'];
const SECRETS = ['PCI-DSS-4.0:3.6.1', 'PCI-DSS-4.0:8.3.2', 'SOC2:CC6.1', 'GDPR:Art32'];
const AVAILABILITY = ['SOC2:A1.1', 'SOC2:A1.2'];

/** One base object per file: `build(view)` becomes `platform/base/<file>`. */
interface BaseObject {
  file: string;
  build: (v: KubeView) => object;
  when?: (v: KubeView) => boolean;
  controls: readonly string[];
}

const BASE_OBJECTS: BaseObject[] = [
  { file: 'namespace.yaml', build: platform.namespace, controls: PSS },
  { file: 'limitrange.yaml', build: platform.limitRange, controls: AVAILABILITY },
  { file: 'rbac-workload-role.yaml', build: platform.workloadRole, controls: ACCESS },
  { file: 'rbac-workload-rolebinding.yaml', build: platform.workloadRoleBinding, controls: ACCESS },
  { file: 'rbac-team-read-only-role.yaml', build: platform.teamReaderRole, controls: ACCESS },
  { file: 'rbac-team-read-only-rolebinding.yaml', build: platform.teamReaderRoleBinding, controls: ACCESS },
  { file: 'kyverno-verify-images.yaml', build: platform.kyvernoImagePolicy, controls: ['PCI-DSS-4.0:6.3.2', 'SOC2:CC7.1'] },
  { file: 'kyverno-disallow-latest-tag.yaml', build: platform.kyvernoDisallowLatest, controls: ['PCI-DSS-4.0:6.3.2'] },
  { file: 'kyverno-require-restricted-pods.yaml', build: platform.kyvernoRestricted, controls: PSS },
  { file: 'istio-peerauthentication.yaml', build: platform.peerAuthentication, when: (v) => v.istio, controls: ['PCI-DSS-4.0:4.2.1', 'SOC2:CC6.7'] },
  { file: 'istio-peerauthentication-metrics.yaml', build: platform.metricsPeerAuthentication, when: (v) => v.istio && v.monitoring, controls: ['PCI-DSS-4.0:4.2.1'] },
  { file: 'istio-authorizationpolicy.yaml', build: platform.authorizationPolicy, when: (v) => v.istio, controls: [...SEGMENTATION, 'PCI-DSS-4.0:7.2.1'] },
];

function baseObjects(v: KubeView): { file: string; build: (v: KubeView) => object; controls: readonly string[] }[] {
  const objects = BASE_OBJECTS.filter((o) => !o.when || o.when(v));
  const policies = platform.networkPolicies(v).map((p) => ({ ...p, controls: SEGMENTATION }));
  return [...objects, ...policies].sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Overlay files of one environment (besides its kustomization). */
const OVERLAY_FILES = ['resourcequota.yaml', 'serviceaccount-external-secrets.yaml', 'secretstore.yaml', 'externalsecret.yaml'];

function baseSpecs(): FileSpec[] {
  // The set of base files depends on the answers, so one spec per kind of file, gated by `when`.
  const all: FileSpec[] = [];
  const kinds = [...BASE_OBJECTS.map((o) => o.file)];
  for (const file of kinds) {
    const object = BASE_OBJECTS.find((o) => o.file === file)!;
    all.push({
      to: `platform/base/${file}`,
      ...(object.when ? { when: (ctx: Context) => object.when!(kubernetesView(ctx)) } : {}),
      data: (_ctx, locals) => yamlDocument(object.build(viewOf(locals))),
      controls: object.controls,
    });
  }
  all.push({
    each: (ctx) => platform.networkPolicies(kubernetesView(ctx)).map((p) => ({ to: `platform/base/${p.file}`, locals: { policy: p.file } })),
    data: (_ctx, locals) => {
      const v = viewOf(locals);
      const policy = platform.networkPolicies(v).find((p) => p.file === locals.policy)!;
      return yamlDocument(policy.build(v));
    },
    controls: SEGMENTATION,
  });
  return all;
}

const files: FileSpec[] = [
  { template: 'README.md.hbs' },
  // Platform objects of the namespace: kustomize base + one overlay per environment.
  ...baseSpecs(),
  {
    to: 'platform/base/kustomization.yaml',
    data: (_ctx, locals) => {
      const v = viewOf(locals);
      return yamlDocument(platform.kustomization(baseObjects(v).map((o) => o.file)));
    },
  },
  {
    each: perEnvironment((env) => `platform/${env}/kustomization.yaml`),
    data: (_ctx, locals) => yamlDocument(platform.kustomization(['../base', ...OVERLAY_FILES])),
  },
  {
    each: perEnvironment((env) => `platform/${env}/resourcequota.yaml`),
    data: (_ctx, locals) => yamlDocument(platform.resourceQuota(viewOf(locals), envOf(locals))),
    controls: AVAILABILITY,
  },
  {
    each: perEnvironment((env) => `platform/${env}/serviceaccount-external-secrets.yaml`),
    data: (_ctx, locals) => yamlDocument(platform.externalSecretsServiceAccount(viewOf(locals), envOf(locals))),
    controls: SECRETS,
  },
  {
    each: perEnvironment((env) => `platform/${env}/secretstore.yaml`),
    data: (_ctx, locals) => yamlDocument(platform.secretStore(viewOf(locals), envOf(locals))),
    controls: SECRETS,
  },
  {
    each: perEnvironment((env) => `platform/${env}/externalsecret.yaml`),
    data: (_ctx, locals) => yamlDocument(platform.externalSecret(viewOf(locals), envOf(locals))),
    controls: SECRETS,
  },

  // kube-linter settings: the default checks plus the opt-ins this baseline satisfies.
  {
    to: '.kube-linter.yaml',
    data: () =>
      yamlDocument({
        checks: {
          addAllBuiltIn: false,
          doNotAutoAddDefaults: false,
          include: ['access-to-secrets', 'cluster-admin-role-binding', 'default-service-account', 'no-liveness-probe', 'no-readiness-probe', 'wildcard-in-rules'],
        },
      }),
  },

  // Cluster-level files for clusters the team runs.
  {
    to: 'cluster/audit-policy.yaml',
    data: () => yamlDocument(auditPolicy()),
    controls: ['PCI-DSS-4.0:10.2.1', 'PCI-DSS-4.0:10.2.1.2', 'PCI-DSS-4.0:10.2.2', 'SOC2:CC7.2'],
  },
  {
    to: 'cluster/falco-rules.yaml',
    data: (_ctx, locals) => yamlDocument(falcoRules(viewOf(locals))),
    controls: ['PCI-DSS-4.0:10.2.1', 'PCI-DSS-4.0:11.5.1', 'PCI-DSS-4.0:11.5.2', 'SOC2:CC7.2'],
  },
  {
    each: perEnvironment((env) => `cluster/cluster-autoscaler/values-${env}.yaml`),
    data: (_ctx, locals) => yamlDocument(clusterAutoscalerValues(viewOf(locals), envOf(locals))),
    controls: AVAILABILITY,
  },

  // The service's Helm chart.
  { each: (ctx) => [{ to: `${chartDir(ctx)}/Chart.yaml` }], data: (ctx, locals) => yamlDocument(chartYaml(ctx, viewOf(locals))) },
  { each: (ctx) => [{ to: `${chartDir(ctx)}/values.yaml` }], data: (_ctx, locals) => yamlDocument(valuesYaml(viewOf(locals))), controls: PSS },
  { each: (ctx) => [{ to: `${chartDir(ctx)}/values.schema.json` }], data: () => valuesSchema(), controls: PSS },
  {
    each: (ctx) => kubernetesView(ctx).environments.map((env) => ({ to: `${chartDir(ctx)}/values-${env.name}.yaml`, locals: { env } })),
    data: (_ctx, locals) => yamlDocument(environmentValues(envOf(locals))),
    controls: AVAILABILITY,
  },
  { template: 'helm/helmignore', each: (ctx) => [{ to: `${chartDir(ctx)}/.helmignore` }] },
  ...[
    ['_helpers.tpl', []],
    ['serviceaccount.yaml', ACCESS],
    ['deployment.yaml', PSS],
    ['service.yaml', []],
    ['ingress.yaml', ['PCI-DSS-4.0:4.2.1']],
    ['hpa.yaml', AVAILABILITY],
    ['vpa.yaml', AVAILABILITY],
    ['pdb.yaml', AVAILABILITY],
    ['servicemonitor.yaml', ['PCI-DSS-4.0:10.7.2', 'SOC2:CC7.2']],
  ].map(
    ([name, controls]): FileSpec => ({
      template: `helm/templates/${name as string}`,
      each: (ctx) => [{ to: `${chartDir(ctx)}/templates/${name as string}` }],
      controls: controls as string[],
    }),
  ),
];

/** The kubernetes baseline: a table of contents of the files it generates. */
export const kubernetesFiles: ComponentFiles = {
  component: 'kubernetes',
  root: 'kubernetes',
  view: kubernetesView,
  files,
  nextSteps: (ctx) => [
    `helm lint --strict kubernetes/helm/${ctx.service.name} --set image.digest="$IMAGE_DIGEST"`,
    `kubectl kustomize kubernetes/platform/${ctx.firstEnvironment.name}`,
  ],
};
