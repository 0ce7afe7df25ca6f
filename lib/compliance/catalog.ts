/**
 * The control catalog: data only, validated by schemas/controls.schema.json in the tests.
 * PCI DSS 4.0.1 (ids keep the `PCI-DSS-4.0:` prefix of the 4.0 requirement numbering, unchanged in
 * 4.0.1), SOC 2 (2017 Trust Services Criteria, revised points of focus 2022), GDPR articles, and
 * CIS benchmark recommendations. A component that implements a control not listed here adds it here.
 */
import type { Applicability, Control } from './types.js';

type Components = NonNullable<Applicability['components']>;

function pci(req: string, title: string, responsibility: string, components?: Components): Control {
  return { id: `PCI-DSS-4.0:${req}`, framework: 'pci-dss-4', title, applicability: { frameworks: ['pci-dss-4'], ...(components ? { components } : {}) }, responsibility };
}
function soc2(criterion: string, title: string, responsibility: string, components?: Components): Control {
  return { id: `SOC2:${criterion}`, framework: 'soc2', title, applicability: { frameworks: ['soc2'], ...(components ? { components } : {}) }, responsibility };
}
function gdpr(article: string, title: string, responsibility: string): Control {
  return { id: `GDPR:${article}`, framework: 'gdpr', title, applicability: { frameworks: ['gdpr'] }, responsibility };
}
function cis(benchmark: string, rec: string, title: string, applicability: Applicability): Control {
  return {
    id: `${benchmark}:${rec}`,
    framework: 'cis',
    title,
    applicability,
    responsibility: 'Keep the hardened setting in place; record a waiver with an owner and an expiry date for any deviation.',
  };
}

const OS_BENCHMARKS = [
  { prefix: 'CIS-UBUNTU22', os: 'ubuntu-22.04' },
  { prefix: 'CIS-UBUNTU24', os: 'ubuntu-24.04' },
  { prefix: 'CIS-DEBIAN12', os: 'debian-12' },
  { prefix: 'CIS-RHEL9', os: 'rhel-9' },
] as const;

/**
 * OS recommendations, numbered as in the CIS Ubuntu Linux 22.04 LTS Benchmark v2.0.0. The other OS
 * benchmarks number some of them differently: the ansible component corrects its own ids here.
 */
const OS_RECOMMENDATIONS: Array<[string, string]> = [
  ['1.1.1.1', 'Ensure cramfs kernel module is not available'],
  ['1.5.1', 'Ensure address space layout randomization is enabled'],
  ['5.1.1', 'Ensure permissions on /etc/ssh/sshd_config are configured'],
  ['5.1.4', 'Ensure sshd access is configured'],
  ['5.1.7', 'Ensure sshd ClientAliveInterval and ClientAliveCountMax are configured'],
  ['5.1.20', 'Ensure sshd PermitRootLogin is disabled'],
  ['5.2.4', 'Ensure users must provide password for privilege escalation'],
  ['6.1.1', 'Ensure AIDE is installed'],
  ['6.3.1.1', 'Ensure auditd packages are installed'],
];

const RUN_TEAM = 'Run and evidence it in your own processes; the baseline cannot implement it in code.';

export const CATALOG: readonly Control[] = [
  // PCI DSS 4.0.1
  pci('1.2.1', 'Configuration standards for network security control rule sets are defined, implemented and maintained', 'Review the security group and network policy rule sets at least every six months (1.2.7).', ['terraform', 'kubernetes']),
  pci('1.3.1', 'Inbound traffic to the CDE is restricted to only that which is necessary', 'Keep inbound rules to the documented flows; review every new allow rule.', ['terraform', 'kubernetes']),
  pci('1.3.2', 'Outbound traffic from the CDE is restricted to only that which is necessary', 'Keep the egress allow-list to the documented partners.', ['terraform', 'kubernetes']),
  pci('1.4.1', 'Network security controls are implemented between trusted and untrusted networks', 'Keep public subnets limited to load balancers and NAT.', ['terraform']),
  pci('1.4.2', 'Inbound traffic from untrusted networks to trusted networks is restricted', 'Expose only the ingress path; review every new public endpoint.', ['terraform', 'kubernetes']),
  pci('2.2.1', 'Configuration standards are developed, implemented and maintained for all system components', 'Keep the hardening baseline current with the CIS benchmarks and re-run the audit after edits.'),
  pci('2.2.4', 'Only necessary services, protocols, daemons and functions are enabled', 'Review enabled services when hosts gain a new role.', ['ansible', 'kubernetes']),
  pci('2.2.5', 'Insecure services, protocols and daemons are justified, documented and secured', 'Document any exception with a business justification and its compensating controls.', ['ansible', 'kubernetes']),
  pci('2.2.6', 'System security parameters are configured to prevent misuse', 'Keep kernel, SSH and container security parameters at the hardened values.', ['ansible', 'kubernetes']),
  pci('2.2.7', 'All non-console administrative access is encrypted using strong cryptography', 'Allow administrative access only over SSH or TLS.', ['ansible', 'terraform']),
  pci('3.5.1', 'PAN is rendered unreadable anywhere it is stored', 'Encrypt every data store that may hold PAN; never log PAN.', ['terraform']),
  pci('3.6.1', 'Procedures are defined and implemented to protect cryptographic keys against disclosure and misuse', 'Restrict key administration to named custodians.', ['terraform']),
  pci('3.7.4', 'Cryptographic keys are changed at the end of their cryptoperiod', 'Keep automatic key rotation on; rotate manually managed keys yearly.', ['terraform']),
  pci('4.2.1', 'Strong cryptography protects PAN during transmission over open, public networks', 'Allow TLS 1.2 or later only on every public endpoint.', ['terraform', 'kubernetes']),
  pci('5.2.1', 'An anti-malware solution is deployed on all system components', RUN_TEAM),
  pci('6.2.4', 'Software engineering techniques prevent or mitigate common software attacks', 'Apply secure coding practices and review in the service code.'),
  pci('6.3.1', 'Security vulnerabilities are identified and managed', 'Triage scanner findings and fix them by risk ranking.', ['pipeline']),
  pci('6.3.2', 'An inventory of bespoke and custom software and third-party components is maintained', 'Keep third-party components pinned and their inventory current.', ['pipeline']),
  pci('6.3.3', 'System components are protected from known vulnerabilities by installing applicable security patches', 'Apply critical patches within one month of release.', ['ansible']),
  pci('6.4.1', 'Public-facing web applications are protected against known attacks and new threats are addressed on an ongoing basis', 'Keep the web server hardening and security headers; review new threats to the exposed applications.', ['ansible', 'terraform']),
  pci('6.4.2', 'An automated technical solution detects and prevents web-based attacks on public-facing web applications', 'Review the WAF rules and blocked requests.', ['terraform']),
  pci('6.5.1', 'Changes to all system components in the production environment are made according to established procedures', 'Require reviewed pull requests with a passing pipeline for every infrastructure change.', ['pipeline']),
  pci('6.5.3', 'Pre-production environments are separated from production environments', 'Keep each environment in its own account.', ['terraform']),
  pci('7.2.1', 'An access control model is defined and includes granting access based on need to know', 'Document roles and who may assume them.', ['terraform', 'kubernetes']),
  pci('7.2.2', 'Access is assigned based on job classification and function and least privileges', 'Review role assignments every six months.', ['terraform', 'kubernetes']),
  pci('7.2.5', 'All application and system accounts and related access privileges are assigned and managed with least privilege', 'Review machine roles and CI permissions when adding a job or a role.', ['terraform', 'kubernetes', 'pipeline']),
  pci('8.2.8', 'Idle user sessions are re-authenticated after no more than 15 minutes', 'Keep session timeouts at 15 minutes or less.', ['ansible']),
  pci('8.3.1', 'All user access is authenticated with strong factors', 'Issue personal keys only; revoke them on departure.', ['ansible']),
  pci('8.3.2', 'Strong cryptography renders all authentication factors unreadable during transmission and storage', 'Keep credentials in the secrets backend and every login channel on TLS or SSH.', ['ansible', 'kubernetes', 'terraform']),
  pci('8.3.4', 'Invalid authentication attempts are limited (lockout after no more than 10 attempts)', 'Keep the lockout policy in place.', ['ansible']),
  pci('8.3.6', 'Passwords meet minimum complexity (12 characters, numeric and alphabetic)', 'Keep the password quality policy in place.', ['ansible']),
  pci('8.3.7', 'A new password cannot be the same as any of the last four used', 'Keep the password history policy in place.', ['ansible']),
  pci('8.3.9', 'Passwords used as the only factor are changed at least every 90 days', 'Keep the password maximum age at 90 days or less.', ['ansible']),
  pci('8.4.2', 'MFA is implemented for all access into the CDE', 'Enforce MFA in the identity provider for every console, VPN and bastion login.'),
  pci('8.6.2', 'Passwords and passphrases for application and system accounts are not hard coded in scripts, configuration files or source code', 'Keep secrets in the secrets backend; rotate any secret the scanner finds.'),
  pci('10.2.1', 'Audit logs are enabled and active for all system components and cardholder data', 'Keep audit logging on; investigate any gap in the logs.', ['ansible', 'terraform', 'kubernetes']),
  pci('10.2.1.2', 'Audit logs capture all actions taken by any individual with administrative access', 'Keep administrative actions (sudo, API writes) in the audit rules.', ['ansible', 'kubernetes', 'terraform']),
  pci('10.2.2', 'Audit logs record user, event type, date and time, success or failure, origin and affected resource', 'Keep the audit rule sets complete.', ['ansible', 'terraform', 'kubernetes']),
  pci('10.3.2', 'Audit log files are protected to prevent modifications by individuals', 'Restrict write and delete access to log stores.', ['ansible', 'terraform']),
  pci('10.3.3', 'Audit log files are promptly backed up to a secure, central log server', 'Operate the SIEM and alert on forwarding gaps.', ['ansible', 'terraform']),
  pci('10.4.1', 'Security events and critical system logs are reviewed at least once daily', 'Review security alerts daily; the alerts support the review.', ['monitoring']),
  pci('10.4.1.1', 'Automated mechanisms are used to perform audit log reviews', 'Keep the security alert rules enabled and routed to the SIEM.', ['monitoring']),
  pci('10.5.1', 'Audit log history is retained for at least 12 months, with three months immediately available', 'Keep retention at 12 months or more.', ['terraform', 'ansible']),
  pci('10.6.1', 'System clocks and time are synchronized using time-synchronization technology', 'Use the approved time sources.', ['ansible']),
  pci('10.7.2', 'Failures of critical security control systems are detected, alerted and addressed promptly', 'Respond to control-failure alerts and record the response.', ['monitoring']),
  pci('11.3.1', 'Internal vulnerability scans are performed at least once every three months', 'Run authenticated host scans quarterly and resolve high-risk findings.', ['pipeline']),
  pci('11.5.1', 'Intrusion-detection and/or intrusion-prevention techniques detect and/or prevent intrusions into the network', 'Respond to intrusion alerts.', ['kubernetes', 'monitoring']),
  pci('11.5.2', 'A change-detection mechanism alerts personnel to unauthorized modification of critical files and configuration', 'Investigate every change-detection or drift alert.', ['ansible', 'pipeline']),
  pci('12.10.1', 'An incident response plan exists and is ready to be activated in the event of a suspected or confirmed security incident', 'Maintain and test the incident response plan yearly; the runbooks are inputs to it.'),
  pci('12.10.5', 'The incident response plan includes monitoring and responding to alerts from security monitoring systems', 'Route security alerts to the on-call rotation and rehearse the runbooks.', ['monitoring']),
  // SOC 2 (2017 Trust Services Criteria)
  soc2('CC6.1', 'Logical access security software, infrastructure and architectures protect information assets', 'Review access to the production accounts and clusters quarterly.'),
  soc2('CC6.2', 'New internal and external users are registered and authorized before access is issued', 'Provision access through the identity provider after approval.'),
  soc2('CC6.3', 'Access to data, software and functions is authorized, modified or removed based on roles and least privilege', 'Review role bindings and IAM policies quarterly.', ['terraform', 'kubernetes']),
  soc2('CC6.6', 'Logical access security measures protect against threats from sources outside system boundaries', 'Review the perimeter rules on every change.', ['terraform', 'kubernetes', 'ansible']),
  soc2('CC6.7', 'Transmission, movement and removal of information is restricted to authorized users and processes and protected', 'Keep transport encryption on every path.', ['terraform', 'kubernetes', 'ansible']),
  soc2('CC6.8', 'Controls prevent or detect and act upon the introduction of unauthorized or malicious software', 'Deploy signed, scanned images only.', ['kubernetes', 'pipeline']),
  soc2('CC7.1', 'Detection and monitoring procedures identify configuration changes that introduce vulnerabilities', 'Act on drift and scanner findings.', ['pipeline', 'ansible']),
  soc2('CC7.2', 'System components are monitored for anomalies indicative of malicious acts, natural disasters and errors', 'Staff the on-call rotation that receives the alerts.', ['monitoring', 'kubernetes']),
  soc2('CC7.3', 'Security events are evaluated to determine whether they could or have resulted in a failure to meet objectives', 'Triage security alerts and record the outcome.', ['monitoring']),
  soc2('CC7.4', 'Identified security incidents are responded to by executing a defined incident response program', 'Follow the runbooks and the incident response program.', ['monitoring']),
  soc2('CC7.5', 'Activities to recover from identified security incidents are identified, developed and implemented', 'Test recovery from backups at least yearly.'),
  soc2('CC8.1', 'Changes to infrastructure, data, software and procedures are authorized, designed, developed, tested, approved and implemented', 'Require reviewed pull requests and a passing pipeline; protect the default branch.', ['pipeline']),
  soc2('A1.1', 'Current processing capacity and use of system components are maintained, monitored and evaluated', 'Review capacity alerts and the autoscaling bounds.', ['kubernetes', 'monitoring', 'terraform']),
  soc2('A1.2', 'Environmental protections, software, data backup processes and recovery infrastructure are authorized, designed, implemented and monitored', 'Monitor backups and multi-AZ health.', ['terraform', 'kubernetes']),
  soc2('A1.3', 'Recovery plan procedures supporting system recovery are tested', 'Run a restore test at least yearly and record it.'),
  // GDPR
  gdpr('Art5(1)(f)', 'Personal data is processed with appropriate security, including protection against unauthorised or unlawful processing and accidental loss (integrity and confidentiality)', 'Keep encryption, access control and backups in place for every store of personal data.'),
  gdpr('Art25', 'Data protection by design and by default', 'Collect and keep only the personal data the purpose needs; the baseline defaults to denied access and encryption.'),
  gdpr('Art30', 'Records of processing activities are maintained', 'Maintain the record of processing activities with the DPO; tags and this matrix are inputs to it.'),
  gdpr('Art32', 'Security of processing: appropriate technical and organisational measures, including regular testing of their effectiveness', 'Keep the measures in place and the audit passing; test their effectiveness regularly.'),
  gdpr('Art33', 'Personal data breaches are notified to the supervisory authority within 72 hours', 'Follow the breach notification procedure with the DPO; the security alerts start the clock.'),
  // CIS benchmarks: operating systems (by `ansible.os`)
  ...OS_BENCHMARKS.flatMap(({ prefix, os }) =>
    OS_RECOMMENDATIONS.map(([rec, title]) => cis(prefix, rec, title, { components: ['ansible'], os: [os] })),
  ),
  // CIS Kubernetes Benchmark
  cis('CIS-K8S', '5.1.3', 'Minimize wildcard use in Roles and ClusterRoles', { components: ['kubernetes'] }),
  cis('CIS-K8S', '5.1.6', 'Ensure that Service Account Tokens are only mounted where necessary', { components: ['kubernetes'] }),
  cis('CIS-K8S', '5.2.2', 'Minimize the admission of privileged containers', { components: ['kubernetes'] }),
  cis('CIS-K8S', '5.2.7', 'Minimize the admission of root containers', { components: ['kubernetes'] }),
  cis('CIS-K8S', '5.3.2', 'Ensure that all Namespaces have Network Policies defined', { components: ['kubernetes'] }),
  cis('CIS-K8S', '5.4.1', 'Prefer using secrets as files over secrets as environment variables', { components: ['kubernetes'] }),
  cis('CIS-K8S', '5.7.2', 'Ensure that the seccomp profile is set to docker/default in your pod definitions', { components: ['kubernetes'] }),
  // CIS AWS Foundations Benchmark
  cis('CIS-AWS', '2.1.1', 'Ensure S3 Bucket Policy is set to deny HTTP requests', { components: ['terraform'] }),
  cis('CIS-AWS', '2.1.4', 'Ensure that S3 Buckets are configured with Block public access', { components: ['terraform'] }),
  cis('CIS-AWS', '2.2.1', 'Ensure EBS volume encryption is enabled in all regions', { components: ['terraform'] }),
  cis('CIS-AWS', '2.3.1', 'Ensure that encryption-at-rest is enabled for RDS Instances', { components: ['terraform'] }),
  cis('CIS-AWS', '3.1', 'Ensure CloudTrail is enabled in all regions', { components: ['terraform'] }),
  cis('CIS-AWS', '3.5', 'Ensure AWS Config is enabled in all regions', { components: ['terraform'] }),
  cis('CIS-AWS', '3.7', 'Ensure CloudTrail logs are encrypted at rest using KMS CMKs', { components: ['terraform'] }),
  cis('CIS-AWS', '3.8', 'Ensure rotation for customer-created symmetric CMKs is enabled', { components: ['terraform'] }),
  cis('CIS-AWS', '5.2', 'Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports', { components: ['terraform'] }),
];

const byId = new Map(CATALOG.map((c) => [c.id, c]));

export function findControl(id: string): Control | undefined {
  return byId.get(id);
}
