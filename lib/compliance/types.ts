/**
 * The compliance data model: controls (the catalog), checks (declarative, evaluated against the
 * team's current files) and the matrix a run writes to `compliance/controls.json`.
 * This module knows no component: components hand their checks in as data.
 */

export type ControlFramework = 'pci-dss-4' | 'soc2' | 'gdpr' | 'cis';

/** Which answers make a control apply. Every listed condition must hold; an absent one always holds. */
export interface Applicability {
  /** At least one of these frameworks is chosen (`compliance` answer). CIS controls omit it. */
  frameworks?: Array<'pci-dss-4' | 'soc2' | 'gdpr'>;
  /** At least one of these components is chosen. */
  components?: Array<'ansible' | 'terraform' | 'kubernetes' | 'monitoring' | 'pipeline'>;
  /** The hosts run one of these operating systems (`ansible.os`); implies nothing about components. */
  os?: Array<'ubuntu-22.04' | 'ubuntu-24.04' | 'debian-12' | 'rhel-9'>;
}

export interface Control {
  /** `PCI-DSS-4.0:10.2.1`, `SOC2:CC6.1`, `GDPR:Art32`, `CIS-UBUNTU22:5.1.20`. */
  id: string;
  framework: ControlFramework;
  /** One-line statement of the control. */
  title: string;
  applicability: Applicability;
  /** What the team must do when the baseline does not implement the control (or beyond it). */
  responsibility: string;
}

/** A check: one assertion about the team's files. Data only, evaluated by lib/compliance/checks.ts. */
export type Check = YamlCheck | HclCheck | PatternCheck | ExistsCheck;

interface CheckBase {
  control: string;
  /** A path or glob relative to the repository root (`*`, `**`, `?`, `{a,b}`). */
  file: string;
  /** `all` (default): every matching file must pass; `any`: at least one. A glob matching nothing fails. */
  files?: 'all' | 'any';
  /** One line saying what is verified, for COMPLIANCE.md and audit messages. */
  description: string;
}

export interface YamlCheck extends CheckBase {
  kind: 'yaml';
  /**
   * Dot path into each YAML document: `jobs.*.permissions`, `metadata.labels["pod-security.kubernetes.io/enforce"]`,
   * `spec.containers[0].image`. `*` expands every key or item.
   */
  path: string;
  /** equals (deep), contains (substring / array element / object subset), exists (the key is present, even if null). Default equals. */
  op?: 'equals' | 'contains' | 'exists';
  expected?: unknown;
  /** When the path expands to several values: every one must satisfy (`all`, default) or one (`any`). */
  match?: 'all' | 'any';
  /** Only documents whose top-level fields equal these (multi-document files: `{ kind: Namespace }`). */
  where?: Record<string, unknown>;
}

export interface HclCheck extends CheckBase {
  kind: 'hcl';
  /** Dot path into the hcl2json form: `resource.aws_s3_bucket_versioning.*.versioning_configuration.status`. Blocks are lists and are expanded. */
  attribute: string;
  op?: 'equals' | 'contains' | 'exists';
  expected?: unknown;
  match?: 'all' | 'any';
}

export interface PatternCheck extends CheckBase {
  kind: 'pattern';
  /** A JavaScript regular expression tested against each line. */
  pattern: string;
  /** true (default): some line matches. false: no line may match. */
  expected?: boolean;
}

export interface ExistsCheck extends CheckBase {
  kind: 'exists';
}

export type ControlStatus = 'implemented-by-baseline' | 'team-responsibility' | 'not-applicable';

/** One control as promised to this repository (an entry of compliance/controls.json). */
export interface MatrixControl {
  id: string;
  framework: ControlFramework;
  title: string;
  status: ControlStatus;
  /** Files of this repository that implement it (empty unless implemented). */
  files: string[];
  /** How it is verified: `audit` (checks below) or `review` (no automated check). */
  verification: 'audit' | 'review' | 'none';
  /** Who owns it: the baseline's files or the team (always the team for team-responsibility). */
  owner: string;
  responsibility: string;
  checks: Array<Omit<Check, 'control'>>;
}

export interface Matrix {
  generator: string;
  baseline: string;
  service: string;
  team: string;
  frameworks: string[];
  controls: MatrixControl[];
}

/** A component's checks: static data, or data chosen from the derived answers (flags, environments). */
export type CheckSource = readonly Check[] | ((ctx: import('../answers/context.js').Context) => readonly Check[]);
