/**
 * Platform objects of the service's namespace, built as data (one object per file) so no answer ever
 * becomes template code. Base objects are the same in every environment; the overlay per
 * environment adds what depends on its account, region and sizing.
 */
import { Document } from 'yaml';
import type { KubeEnvironment, KubeView } from './view.js';

type Obj = Record<string, unknown>;

/** A YAML document that starts with `---` (yamllint document-start) and serializes as YAML 1.1. */
export function yamlDocument(value: unknown): Document {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  doc.directives!.docStart = true;
  return doc;
}

function meta(v: KubeView, name: string, extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Obj {
  return {
    name,
    namespace: v.namespace,
    labels: { ...v.labels, ...extra.labels },
    ...(extra.annotations ? { annotations: extra.annotations } : {}),
  };
}

const podSelector = (v: KubeView) => ({ matchLabels: { 'app.kubernetes.io/name': v.service } });
const namespaceSelector = (ns: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } });

// ---------------------------------------------------------------------------------------------
// Namespace, quota, limits

export function namespace(v: KubeView): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: v.namespace,
      labels: {
        ...v.labels,
        'kubernetes.io/metadata.name': v.namespace,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': v.pssVersion,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': v.pssVersion,
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': v.pssVersion,
        ...(v.istio ? { 'istio-injection': 'enabled' } : {}),
      },
      annotations: v.annotations,
    },
  };
}

export function resourceQuota(v: KubeView, env: KubeEnvironment): Obj {
  const q = env.quota;
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta(v, `${v.service}-quota`),
    spec: {
      hard: {
        pods: String(q.pods),
        'requests.cpu': q.requestsCpu,
        'requests.memory': q.requestsMemory,
        'limits.cpu': q.limitsCpu,
        'limits.memory': q.limitsMemory,
        ...(q.requestsEphemeral ? { 'requests.ephemeral-storage': q.requestsEphemeral } : {}),
        ...(q.limitsEphemeral ? { 'limits.ephemeral-storage': q.limitsEphemeral } : {}),
        services: '4',
        'services.loadbalancers': '0',
        'services.nodeports': '0',
        persistentvolumeclaims: '0',
      },
    },
  };
}

export function limitRange(v: KubeView): Obj {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta(v, `${v.service}-limits`),
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: '500m', memory: '256Mi', 'ephemeral-storage': '256Mi' },
          defaultRequest: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' },
          min: { cpu: '10m', memory: '16Mi' },
          max: { cpu: '4', memory: '4Gi', 'ephemeral-storage': '2Gi' },
        },
        { type: 'Pod', max: { cpu: '8', memory: '8Gi' } },
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicies: deny everything, then one named allow per flow

function networkPolicy(v: KubeView, name: string, spec: Obj): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(v, name), spec };
}

export interface NamedPolicy {
  file: string;
  build: (v: KubeView) => Obj;
}

/** The NetworkPolicies of the namespace, in file order; each one only when its flow exists. */
export function networkPolicies(v: KubeView): NamedPolicy[] {
  const out: NamedPolicy[] = [
    {
      file: 'networkpolicy-default-deny.yaml',
      build: () => networkPolicy(v, 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    },
    {
      file: 'networkpolicy-allow-dns.yaml',
      build: () =>
        networkPolicy(v, 'allow-dns-egress', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ namespaceSelector: namespaceSelector('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        }),
    },
  ];
  if (v.ingress) {
    out.push({
      file: 'networkpolicy-allow-ingress-controller.yaml',
      build: () =>
        networkPolicy(v, 'allow-ingress-controller', {
          podSelector: podSelector(v),
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespaceSelector(v.ingressControllerNamespace) }], ports: [{ protocol: 'TCP', port: v.containerPort }] }],
        }),
    });
  }
  if (v.istio && v.allowedCallers.length > 0) {
    const namespaces = [...new Set(v.allowedCallers.map((c) => c.namespace))];
    out.push({
      file: 'networkpolicy-allow-callers.yaml',
      build: () =>
        networkPolicy(v, 'allow-named-callers', {
          podSelector: podSelector(v),
          policyTypes: ['Ingress'],
          ingress: [{ from: namespaces.map((ns) => ({ namespaceSelector: namespaceSelector(ns) })), ports: [{ protocol: 'TCP', port: v.containerPort }] }],
        }),
    });
  }
  if (v.monitoring) {
    out.push({
      file: 'networkpolicy-allow-prometheus.yaml',
      build: () =>
        networkPolicy(v, 'allow-prometheus-scrape', {
          podSelector: podSelector(v),
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ namespaceSelector: namespaceSelector(v.monitoringNamespace), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
              ports: [{ protocol: 'TCP', port: v.metricsPort }],
            },
          ],
        }),
    });
  }
  if (v.database) {
    const db = v.database;
    out.push({
      file: 'networkpolicy-allow-database.yaml',
      build: () =>
        networkPolicy(v, `allow-${db.engine}-egress`, {
          podSelector: podSelector(v),
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: v.vpcCidr } }], ports: [{ protocol: 'TCP', port: db.port }] }],
        }),
    });
  }
  if (v.vault) {
    const vault = v.vault;
    out.push({
      file: 'networkpolicy-allow-vault.yaml',
      build: () =>
        networkPolicy(v, 'allow-vault-egress', {
          podSelector: podSelector(v),
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: v.vpcCidr } }], ports: [{ protocol: 'TCP', port: vault.port }] }],
        }),
    });
  }
  if (v.egressCidrs.length > 0) {
    out.push({
      file: 'networkpolicy-allow-external.yaml',
      build: () =>
        networkPolicy(v, 'allow-external-egress', {
          podSelector: podSelector(v),
          policyTypes: ['Egress'],
          egress: [{ to: v.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 443 }] }],
        }),
    });
  }
  if (v.istio) {
    out.push({
      file: 'networkpolicy-allow-istiod.yaml',
      build: () =>
        networkPolicy(v, 'allow-istiod-egress', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ namespaceSelector: namespaceSelector('istio-system'), podSelector: { matchLabels: { app: 'istiod' } } }],
              ports: [{ protocol: 'TCP', port: 15012 }],
            },
          ],
        }),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RBAC: the workload's Role grants nothing; the team reads, never secrets, exec or attach

/** Read-only resources for the team: no secrets, no pods/exec, pods/attach or pods/portforward. */
export const TEAM_READ_RULES = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'endpoints', 'configmaps', 'events', 'serviceaccounts', 'resourcequotas', 'limitranges'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['external-secrets.io'], resources: ['externalsecrets', 'secretstores'], verbs: ['get', 'list', 'watch'] },
];

export function workloadRole(v: KubeView): Obj {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(v, `${v.service}-workload`), rules: [] };
}

export function workloadRoleBinding(v: KubeView): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(v, `${v.service}-workload`),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${v.service}-workload` },
    subjects: [{ kind: 'ServiceAccount', name: v.serviceAccount, namespace: v.namespace }],
  };
}

export function teamReaderRole(v: KubeView): Obj {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(v, `${v.team}-read-only`), rules: TEAM_READ_RULES };
}

export function teamReaderRoleBinding(v: KubeView): Obj {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(v, `${v.team}-read-only`),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${v.team}-read-only` },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: v.teamGroup }],
  };
}

// ---------------------------------------------------------------------------------------------
// External Secrets: a store per environment, one ExternalSecret; no Secret is ever written

export function externalSecretsServiceAccount(v: KubeView, env: KubeEnvironment): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(v, v.externalSecretsServiceAccount, v.vault ? {} : { annotations: { 'eks.amazonaws.com/role-arn': env.externalSecretsRoleArn } }),
    automountServiceAccountToken: false,
  };
}

export function secretStore(v: KubeView, env: KubeEnvironment): Obj {
  const provider = v.vault
    ? {
        vault: {
          server: v.vault.address,
          path: v.vault.kvMount,
          version: 'v2',
          auth: { kubernetes: { mountPath: 'kubernetes', role: `${env.namePrefix}-external-secrets`, serviceAccountRef: { name: v.externalSecretsServiceAccount } } },
        },
      }
    : {
        aws: {
          service: 'SecretsManager',
          region: env.region,
          auth: { jwt: { serviceAccountRef: { name: v.externalSecretsServiceAccount } } },
        },
      };
  return { apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: meta(v, v.secretStoreName), spec: { provider } };
}

export function externalSecret(v: KubeView, env: KubeEnvironment): Obj {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: meta(v, v.secretName),
    spec: {
      refreshInterval: v.secretRefreshInterval,
      secretStoreRef: { kind: 'SecretStore', name: v.secretStoreName },
      target: { name: v.secretName, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      dataFrom: [{ extract: { key: env.secretPath } }],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Kyverno: admission policies as defence in depth behind Pod Security Admission

const POD_KINDS = ['Pod'];

function kyvernoPolicy(v: KubeView, name: string, title: string, description: string, rules: Obj[], controls: string): Obj {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'Policy',
    metadata: meta(v, name, {
      annotations: {
        'policies.kyverno.io/title': title,
        'policies.kyverno.io/category': 'Pod Security',
        'policies.kyverno.io/severity': 'high',
        'policies.kyverno.io/subject': 'Pod',
        'policies.kyverno.io/description': description,
        'fluxora.io/controls': controls,
      },
    }),
    spec: { validationFailureAction: 'Enforce', background: true, rules },
  };
}

export function kyvernoImagePolicy(v: KubeView): Obj {
  const requireDigest = {
    name: 'require-image-digest',
    match: { any: [{ resources: { kinds: POD_KINDS } }] },
    validate: {
      message: 'Images must be pinned by sha256 digest.',
      pattern: { spec: { containers: [{ image: '*@sha256:*' }], '=(initContainers)': [{ image: '*@sha256:*' }] } },
    },
  };
  const rules: Obj[] = [requireDigest];
  if (v.imageVerification !== 'digest') {
    const attestor =
      v.imageVerification === 'keyless' && v.keylessSubjectPrefix
        ? { keyless: { subject: `${v.keylessSubjectPrefix}*`, issuer: 'https://token.actions.githubusercontent.com', rekor: { url: 'https://rekor.sigstore.dev' } } }
        : { keys: { secret: { name: 'cosign-public-key', namespace: 'kyverno' }, rekor: { ignoreTlog: false, url: 'https://rekor.sigstore.dev' } } };
    rules.push({
      name: 'verify-image-signature',
      match: { any: [{ resources: { kinds: POD_KINDS } }] },
      verifyImages: [
        {
          imageReferences: [`${v.image}*`],
          type: 'Cosign',
          mutateDigest: false,
          verifyDigest: true,
          required: true,
          attestors: [{ count: 1, entries: [attestor] }],
        },
      ],
    });
  }
  return kyvernoPolicy(
    v,
    'verify-images',
    'Verify image provenance',
    v.imageVerification === 'digest'
      ? 'Every image is pinned by digest.'
      : `Every image is pinned by digest and the service image carries a cosign signature (${v.imageVerification}).`,
    rules,
    'PCI-DSS-4.0:6.3.2 PCI-DSS-4.0:11.6.1 SOC2:CC7.1',
  );
}

export function kyvernoDisallowLatest(v: KubeView): Obj {
  return kyvernoPolicy(
    v,
    'disallow-latest-tag',
    'Disallow the latest tag',
    'An image must name an exact tag or digest, never `latest` or no tag at all.',
    [
      {
        name: 'require-image-tag',
        match: { any: [{ resources: { kinds: POD_KINDS } }] },
        validate: { message: 'An image tag or digest is required.', pattern: { spec: { containers: [{ image: '*:*' }] } } },
      },
      {
        name: 'validate-image-tag',
        match: { any: [{ resources: { kinds: POD_KINDS } }] },
        validate: { message: 'The `latest` tag is not allowed.', pattern: { spec: { containers: [{ image: '!*:latest' }] } } },
      },
    ],
    'PCI-DSS-4.0:6.3.2',
  );
}

export function kyvernoRestricted(v: KubeView): Obj {
  const containerRule = {
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
  };
  return kyvernoPolicy(
    v,
    'require-restricted-pods',
    'Require restricted pod security fields and limits',
    'Non-root, RuntimeDefault seccomp, no privilege escalation or capabilities, read-only root filesystem, requests and limits.',
    [
      {
        name: 'pod-security-context',
        match: { any: [{ resources: { kinds: POD_KINDS } }] },
        validate: {
          message: 'Pods must run as non-root with the RuntimeDefault seccomp profile and no host namespaces.',
          pattern: {
            spec: {
              '=(hostNetwork)': false,
              '=(hostPID)': false,
              '=(hostIPC)': false,
              securityContext: { runAsNonRoot: true, runAsUser: '>0', seccompProfile: { type: 'RuntimeDefault' } },
            },
          },
        },
      },
      {
        name: 'container-security-context',
        match: { any: [{ resources: { kinds: POD_KINDS } }] },
        validate: {
          message: 'Containers must drop ALL capabilities, forbid privilege escalation and use a read-only root filesystem.',
          pattern: { spec: { containers: [containerRule], '=(initContainers)': [containerRule] } },
        },
      },
      {
        name: 'require-requests-limits',
        match: { any: [{ resources: { kinds: POD_KINDS } }] },
        validate: {
          message: 'cpu, memory and ephemeral-storage requests and memory and ephemeral-storage limits are required.',
          pattern: {
            spec: {
              containers: [
                {
                  // The injected Istio sidecar sets cpu and memory only; it is bounded by the LimitRange.
                  ...(v.istio ? { '(name)': '!istio-proxy' } : {}),
                  resources: {
                    requests: { cpu: '?*', memory: '?*', 'ephemeral-storage': '?*' },
                    limits: { memory: '?*', 'ephemeral-storage': '?*' },
                  },
                },
              ],
            },
          },
        },
      },
    ],
    'PCI-DSS-4.0:2.2.1 PCI-DSS-4.0:2.2.5 SOC2:CC6.8',
  );
}

// ---------------------------------------------------------------------------------------------
// Istio: strict mTLS, and only named callers

export function peerAuthentication(v: KubeView): Obj {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: meta(v, 'default'),
    spec: {
      mtls: { mode: 'STRICT' },
    },
  };
}

/** Prometheus outside the mesh scrapes the metrics port in plain text; everything else is mTLS. */
export function metricsPeerAuthentication(v: KubeView): Obj {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: meta(v, `${v.service}-metrics`),
    spec: {
      selector: podSelector(v),
      mtls: { mode: 'STRICT' },
      portLevelMtls: { [String(v.metricsPort)]: { mode: 'PERMISSIVE' } },
    },
  };
}

export function authorizationPolicy(v: KubeView): Obj {
  const principals = v.allowedCallers.map((c) => `cluster.local/ns/${c.namespace}/sa/${c.serviceAccount}`);
  const rules: Obj[] = [];
  if (v.ingress) rules.push({ from: [{ source: { namespaces: [v.ingressControllerNamespace] } }], to: [{ operation: { ports: [String(v.containerPort)] } }] });
  if (principals.length > 0) rules.push({ from: [{ source: { principals } }], to: [{ operation: { ports: [String(v.containerPort)] } }] });
  if (v.monitoring) rules.push({ to: [{ operation: { ports: [String(v.metricsPort)], methods: ['GET'], paths: ['/metrics'] } }] });
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: meta(v, `${v.service}-allow-callers`),
    spec: { selector: podSelector(v), action: 'ALLOW', rules },
  };
}

// ---------------------------------------------------------------------------------------------
// Kustomize entry points

export function kustomization(resources: string[], namespace?: string): Obj {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    ...(namespace ? { namespace } : {}),
    resources,
  };
}
