import { createHash } from 'node:crypto';

export const FLUXORA_DIR = '.fluxora';
export const MANIFEST_PATH = `${FLUXORA_DIR}/manifest.json`;
export const BASELINE_DIR = `${FLUXORA_DIR}/baseline`;

export interface ManifestEntry {
  /** The template or data builder that produced the file. */
  template: string;
  component: string;
  /** Baseline (package) version of the pristine render recorded here. */
  baseline: string;
  /** sha256 of the pristine render, hex. */
  sha256: string;
  controls: string[];
}

export interface Manifest {
  generator: string;
  baseline: string;
  files: Record<string, ManifestEntry>;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export function emptyManifest(generator: string, baseline: string): Manifest {
  return { generator, baseline, files: {} };
}

export function parseManifest(text: string): Manifest {
  const value = JSON.parse(text) as Partial<Manifest>;
  if (typeof value !== 'object' || value === null || typeof value.files !== 'object' || value.files === null || typeof value.baseline !== 'string') {
    throw new Error(`${MANIFEST_PATH} is not a fluxora manifest (expected { generator, baseline, files })`);
  }
  return value as Manifest;
}

/** Deterministic serialization: keys in a fixed order, files sorted by path. */
export function serializeManifest(manifest: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const path of Object.keys(manifest.files).sort()) {
    const e = manifest.files[path]!;
    files[path] = { template: e.template, component: e.component, baseline: e.baseline, sha256: e.sha256, controls: [...e.controls].sort() };
  }
  return `${JSON.stringify({ generator: manifest.generator, baseline: manifest.baseline, files }, null, 2)}\n`;
}

export function baselinePath(path: string): string {
  return `${BASELINE_DIR}/${path}`;
}
