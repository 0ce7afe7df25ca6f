/**
 * Schemas the tests own for objects no model package covers (Kyverno, VPA, Istio, the audit policy,
 * Kustomization, Falco rules). Written from each project's API reference, closed everywhere
 * (`additionalProperties: false`) so an unknown or misspelt field fails.
 */
import { Ajv, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', additionalProperties: false, properties, required });
const str: Schema = { type: 'string', minLength: 1 };
const strs: Schema = { type: 'array', items: str };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer' };
const stringMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };
const metadata = obj({ name: str, namespace: str, labels: stringMap, annotations: stringMap }, ['name']);
const labelSelector = obj({ matchLabels: stringMap, matchExpressions: { type: 'array' } });
const anything: Schema = {};

// Kyverno kyverno.io/v1 Policy (https://kyverno.io/docs/writing-policies/)
const kyvernoResourceFilter = obj({ resources: obj({ kinds: strs, names: strs, namespaces: strs, selector: labelSelector, operations: strs }) });
const kyvernoMatch = obj({ any: { type: 'array', items: kyvernoResourceFilter }, all: { type: 'array', items: kyvernoResourceFilter } });
const kyvernoAttestorEntry = obj({
  keys: obj({ publicKeys: str, secret: obj({ name: str, namespace: str }, ['name', 'namespace']), kms: str, signatureAlgorithm: str, rekor: obj({ url: str, ignoreTlog: bool, pubkey: str }), ctlog: anything }),
  keyless: obj({ subject: str, subjectRegExp: str, issuer: str, issuerRegExp: str, roots: str, rekor: obj({ url: str, ignoreTlog: bool, pubkey: str }), ctlog: anything, additionalExtensions: stringMap }),
  certificates: anything,
  attestor: anything,
  annotations: stringMap,
  repository: str,
});
const kyvernoRule = obj(
  {
    name: str,
    match: kyvernoMatch,
    exclude: kyvernoMatch,
    preconditions: anything,
    context: { type: 'array' },
    validate: obj({ message: str, pattern: { type: 'object' }, anyPattern: { type: 'array' }, deny: anything, cel: anything, podSecurity: anything, failureAction: { enum: ['Audit', 'Enforce'] } }),
    verifyImages: {
      type: 'array',
      items: obj(
        {
          imageReferences: strs,
          type: { enum: ['Cosign', 'SigstoreBundle', 'Notary'] },
          mutateDigest: bool,
          verifyDigest: bool,
          required: bool,
          failureAction: { enum: ['Audit', 'Enforce'] },
          attestors: { type: 'array', items: obj({ count: int, entries: { type: 'array', minItems: 1, items: kyvernoAttestorEntry } }, ['entries']) },
        },
        ['imageReferences'],
      ),
    },
  },
  ['name', 'match'],
);
const kyvernoPolicy = obj(
  {
    apiVersion: { const: 'kyverno.io/v1' },
    kind: { enum: ['Policy', 'ClusterPolicy'] },
    metadata,
    spec: obj({ validationFailureAction: { enum: ['Audit', 'Enforce'] }, background: bool, failurePolicy: { enum: ['Fail', 'Ignore'] }, rules: { type: 'array', minItems: 1, items: kyvernoRule } }, ['rules']),
  },
  ['apiVersion', 'kind', 'metadata', 'spec'],
);

// VerticalPodAutoscaler autoscaling.k8s.io/v1
const crossRef = obj({ apiVersion: str, kind: str, name: str }, ['kind', 'name']);
const vpa = obj(
  {
    apiVersion: { const: 'autoscaling.k8s.io/v1' },
    kind: { const: 'VerticalPodAutoscaler' },
    metadata,
    spec: obj(
      {
        targetRef: crossRef,
        updatePolicy: obj({ updateMode: { enum: ['Off', 'Initial', 'Recreate', 'InPlaceOrRecreate', 'Auto'] }, minReplicas: int }),
        resourcePolicy: obj({
          containerPolicies: {
            type: 'array',
            items: obj({
              containerName: str,
              mode: { enum: ['Auto', 'Off'] },
              minAllowed: stringMap,
              maxAllowed: stringMap,
              controlledResources: { type: 'array', items: { enum: ['cpu', 'memory'] } },
              controlledValues: { enum: ['RequestsAndLimits', 'RequestsOnly'] },
            }),
          },
        }),
        recommenders: { type: 'array' },
      },
      ['targetRef'],
    ),
  },
  ['apiVersion', 'kind', 'metadata', 'spec'],
);

// Istio security.istio.io/v1
const mtlsMode = obj({ mode: { enum: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] } }, ['mode']);
const workloadSelector = obj({ matchLabels: stringMap }, ['matchLabels']);
const peerAuthentication = obj(
  {
    apiVersion: { const: 'security.istio.io/v1' },
    kind: { const: 'PeerAuthentication' },
    metadata,
    spec: obj({ selector: workloadSelector, mtls: mtlsMode, portLevelMtls: { type: 'object', propertyNames: { pattern: '^[0-9]+$' }, additionalProperties: mtlsMode } }),
  },
  ['apiVersion', 'kind', 'metadata', 'spec'],
);
const authorizationPolicy = obj(
  {
    apiVersion: { const: 'security.istio.io/v1' },
    kind: { const: 'AuthorizationPolicy' },
    metadata,
    spec: obj({
      selector: workloadSelector,
      action: { enum: ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] },
      rules: {
        type: 'array',
        items: obj({
          from: { type: 'array', items: obj({ source: obj({ principals: strs, notPrincipals: strs, namespaces: strs, notNamespaces: strs, ipBlocks: strs, requestPrincipals: strs }) }, ['source']) },
          to: { type: 'array', items: obj({ operation: obj({ ports: { type: 'array', items: { type: 'string', pattern: '^[0-9]+$' } }, methods: strs, paths: strs, hosts: strs, notPaths: strs }) }, ['operation']) },
          when: { type: 'array' },
        }),
      },
    }),
  },
  ['apiVersion', 'kind', 'metadata', 'spec'],
);

// audit.k8s.io/v1 Policy
const groupResources = obj({ group: { type: 'string' }, resources: strs, resourceNames: strs });
const auditPolicy = obj(
  {
    apiVersion: { const: 'audit.k8s.io/v1' },
    kind: { const: 'Policy' },
    metadata: anything,
    omitStages: { type: 'array', items: { enum: ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] } },
    omitManagedFields: bool,
    rules: {
      type: 'array',
      minItems: 1,
      items: obj(
        {
          level: { enum: ['None', 'Metadata', 'Request', 'RequestResponse'] },
          users: strs,
          userGroups: strs,
          verbs: strs,
          resources: { type: 'array', items: groupResources },
          namespaces: strs,
          nonResourceURLs: strs,
          omitStages: strs,
          omitManagedFields: bool,
        },
        ['level'],
      ),
    },
  },
  ['apiVersion', 'kind', 'rules'],
);

const kustomization = obj(
  { apiVersion: { const: 'kustomize.config.k8s.io/v1beta1' }, kind: { const: 'Kustomization' }, namespace: str, resources: { type: 'array', minItems: 1, items: str } },
  ['apiVersion', 'kind', 'resources'],
);

// Falco rules file (https://falco.org/docs/reference/rules/rule-fields/)
const falcoRules: Schema = {
  type: 'array',
  items: {
    oneOf: [
      obj({ macro: str, condition: str }, ['macro', 'condition']),
      obj({ list: str, items: strs }, ['list', 'items']),
      obj(
        {
          rule: str,
          desc: str,
          condition: str,
          output: str,
          priority: { enum: ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'] },
          tags: strs,
          enabled: bool,
        },
        ['rule', 'desc', 'condition', 'output', 'priority'],
      ),
    ],
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const BY_KIND: Record<string, ValidateFunction> = {
  'kyverno.io/v1 Policy': ajv.compile(kyvernoPolicy),
  'kyverno.io/v1 ClusterPolicy': ajv.compile(kyvernoPolicy),
  'autoscaling.k8s.io/v1 VerticalPodAutoscaler': ajv.compile(vpa),
  'security.istio.io/v1 PeerAuthentication': ajv.compile(peerAuthentication),
  'security.istio.io/v1 AuthorizationPolicy': ajv.compile(authorizationPolicy),
  'audit.k8s.io/v1 Policy': ajv.compile(auditPolicy),
  'kustomize.config.k8s.io/v1beta1 Kustomization': ajv.compile(kustomization),
};
export const validateFalcoRules = ajv.compile(falcoRules);
/** kube-linter's config file (https://docs.kubelinter.io/#/configuring-kubelinter). */
export const validateKubeLinterConfig = ajv.compile(
  obj({ checks: obj({ addAllBuiltIn: bool, doNotAutoAddDefaults: bool, include: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9-]+$' } }, exclude: strs, ignorePaths: strs }) }, ['checks']),
);

/** Problems of an object against the tests' own schema; undefined when the tests own none for it. */
export function validateOwned(object: { apiVersion?: unknown; kind?: unknown }): string[] | undefined {
  const validate = BY_KIND[`${String(object.apiVersion)} ${String(object.kind)}`];
  if (!validate) return undefined;
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
