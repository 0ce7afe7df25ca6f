/**
 * Cluster-level files for clusters the team runs: the API-server audit policy, Falco rules for the
 * service's namespace and the cluster-autoscaler chart values per environment.
 */
import type { KubeEnvironment, KubeView } from './view.js';

type Obj = Record<string, unknown>;

/** audit.k8s.io/v1 Policy: first matching rule wins, so the quiet and sensitive rules come first. */
export function auditPolicy(): Obj {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'], resources: [{ group: '', resources: ['endpoints', 'services', 'services/status'] }] },
      { level: 'None', userGroups: ['system:nodes'], verbs: ['get'], resources: [{ group: '', resources: ['nodes', 'nodes/status'] }] },
      { level: 'None', users: ['system:kube-controller-manager', 'system:kube-scheduler', 'system:serviceaccount:kube-system:endpoint-controller'], verbs: ['get', 'update'], namespaces: ['kube-system'], resources: [{ group: '', resources: ['endpoints'] }] },
      { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*', '/version', '/metrics'] },
      { level: 'None', resources: [{ group: '', resources: ['events'] }, { group: 'events.k8s.io', resources: ['events'] }, { group: 'coordination.k8s.io', resources: ['leases'] }] },
      // Never log the content of secrets, configmaps or tokens: who touched them is enough.
      { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] }, { group: 'authentication.k8s.io', resources: ['tokenreviews'] }] },
      { level: 'Metadata', resources: [{ group: 'external-secrets.io' }] },
      // Shells and port-forwards into pods are always recorded.
      { level: 'Metadata', resources: [{ group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', 'services/proxy'] }] },
      { level: 'RequestResponse', verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
      { level: 'None', verbs: ['get', 'list', 'watch'] },
      { level: 'Metadata' },
    ],
  };
}

/** EKS's default service CIDRs: DNS and in-cluster services are reached through these. */
const EKS_SERVICE_CIDRS = ['10.100.0.0/16', '172.20.0.0/16'];

/** Falco rules scoped to the service's namespace, each tagged with the PCI DSS requirements it serves. */
export function falcoRules(v: KubeView): unknown[] {
  const id = v.service.replace(/-/g, '_');
  const inScope = `${id}_containers`;
  const allowed = `${id}_allowed_cidrs`;
  const where = 'container=%container.name image=%container.image.repository pod=%k8s.pod.name';
  const tags = (...extra: string[]) => ['container', v.service, ...extra];
  return [
    { macro: inScope, condition: `container and k8s.ns.name = "${v.namespace}"` },
    { list: allowed, items: [v.vpcCidr, ...EKS_SERVICE_CIDRS, ...v.egressCidrs].map((c) => `"${c}"`) },
    { macro: `${id}_sensitive_read`, condition: 'fd.name in (sensitive_file_names) or fd.directory in (/etc/sudoers.d, /root/.ssh)' },
    {
      rule: `${v.service} shell in container`,
      desc: `A shell was started inside a container of namespace ${v.namespace}.`,
      condition: `spawned_process and ${inScope} and proc.name in (shell_binaries)`,
      output: `Shell in container (cmdline=%proc.cmdline user=%user.name ${where})`,
      priority: 'CRITICAL',
      tags: tags('shell', 'mitre_execution', 'PCI_DSS_10.2.1', 'PCI_DSS_11.5.1'),
    },
    {
      rule: `${v.service} sensitive file read`,
      desc: `A container of namespace ${v.namespace} opened a sensitive file (shadow, sudoers, SSH keys).`,
      condition: `open_read and ${inScope} and ${id}_sensitive_read`,
      output: `Sensitive file read (file=%fd.name user=%user.name ${where})`,
      priority: 'WARNING',
      tags: tags('filesystem', 'mitre_credential_access', 'PCI_DSS_10.2.1.1', 'PCI_DSS_11.5.2'),
    },
    {
      rule: `${v.service} outbound connection outside allowed CIDRs`,
      desc: `A container of namespace ${v.namespace} connected to an address outside the VPC and the allowed CIDRs.`,
      condition: `outbound and ${inScope} and not fd.snet in (${allowed})`,
      output: `Unexpected outbound connection (connection=%fd.name ${where})`,
      priority: 'ERROR',
      tags: tags('network', 'mitre_exfiltration', 'PCI_DSS_1.3.2', 'PCI_DSS_1.4.2'),
    },
    {
      rule: `${v.service} write below binary directories`,
      desc: `A container of namespace ${v.namespace} wrote below a binary directory.`,
      condition: `open_write and ${inScope} and bin_dir`,
      output: `Write below binary directory (file=%fd.name user=%user.name ${where})`,
      priority: 'ERROR',
      tags: tags('filesystem', 'mitre_persistence', 'PCI_DSS_11.5.2'),
    },
  ];
}

/** Values for the kubernetes/autoscaler cluster-autoscaler chart on the environment's EKS cluster. */
export function clusterAutoscalerValues(v: KubeView, env: KubeEnvironment): Obj {
  return {
    cloudProvider: 'aws',
    awsRegion: env.region,
    autoDiscovery: { clusterName: env.clusterName },
    rbac: {
      create: true,
      serviceAccount: { create: true, name: 'cluster-autoscaler', annotations: { 'eks.amazonaws.com/role-arn': env.clusterAutoscalerRoleArn } },
    },
    extraArgs: {
      'balance-similar-node-groups': true,
      'skip-nodes-with-system-pods': false,
      expander: 'least-waste',
      'scale-down-utilization-threshold': 0.5,
      'scale-down-unneeded-time': env.isProduction ? '10m' : '5m',
      'scale-down-delay-after-add': '10m',
      'max-node-provision-time': '15m',
    },
    replicaCount: env.isProduction ? 2 : 1,
    podDisruptionBudget: { maxUnavailable: 1 },
    priorityClassName: 'system-cluster-critical',
    resources: { requests: { cpu: '100m', memory: '300Mi' }, limits: { memory: '600Mi' } },
    securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
    containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    serviceMonitor: { enabled: v.monitoring, namespace: v.monitoringNamespace },
  };
}
