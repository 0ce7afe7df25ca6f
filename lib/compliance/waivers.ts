/** Waivers: `.fluxora/waivers.yaml`, schema-validated; expired or unknown-control waivers fail the audit. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validate } from './schemas.js';

export const WAIVERS_PATH = '.fluxora/waivers.yaml';

export interface Waiver {
  control: string;
  reason: string;
  owner: string;
  expires: string;
  ticket?: string;
}

export class WaiversFileError extends Error {
  override name = 'WaiversFileError';
}

/** Read and validate the waivers file; none when it does not exist. Throws WaiversFileError when invalid. */
export function readWaivers(root: string): Waiver[] {
  let text: string;
  try {
    text = readFileSync(join(root, WAIVERS_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseWaivers(text);
}

export function parseWaivers(text: string): Waiver[] {
  let value: unknown;
  try {
    // YAML 1.2 core schema: dates stay strings, as the schema expects.
    value = parseYaml(text, { version: '1.2' }) ?? { waivers: [] };
  } catch (error) {
    throw new WaiversFileError(`${WAIVERS_PATH} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const problems = validate('waivers', value);
  if (problems.length > 0) throw new WaiversFileError(`${WAIVERS_PATH} is invalid (schemas/waivers.schema.json):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return (value as { waivers: Waiver[] }).waivers;
}

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isExpired(waiver: Waiver, today: string): boolean {
  return waiver.expires < today;
}
