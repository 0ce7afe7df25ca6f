/** ajv validators for the compliance contracts: the matrix (controls.json), checks and waivers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../ajv.js';
import { schemasRoot } from '../paths.js';

let ajv: Ajv2020 | undefined;
function instance(): Ajv2020 {
  if (!ajv) {
    ajv = createAjv({ strictTypes: false }, ['email', 'date']);
    for (const name of ['controls.schema.json', 'waivers.schema.json']) {
      ajv.addSchema(JSON.parse(readFileSync(join(schemasRoot, name), 'utf8')) as object);
    }
  }
  return ajv;
}

const validators = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = instance().getSchema(ref);
    if (!v) throw new Error(`schema ${ref} not found`);
    validators.set(ref, v);
  }
  return v;
}

export const SCHEMA_REFS = {
  catalog: 'urn:generator-fluxora:controls',
  check: 'urn:generator-fluxora:controls#/$defs/check',
  matrix: 'urn:generator-fluxora:controls#/$defs/matrix',
  waivers: 'urn:generator-fluxora:waivers',
} as const;

/** Validate; returns one line per problem (empty when valid). */
export function validate(ref: keyof typeof SCHEMA_REFS, value: unknown): string[] {
  const v = validator(SCHEMA_REFS[ref]);
  if (v(value)) return [];
  return (v.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(top level)';
  const extra = e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties'
    ? ` (${String((e.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (e.params as { unevaluatedProperty?: string }).unevaluatedProperty)})`
    : e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
  return `${where} ${e.message ?? 'is invalid'}${extra}`;
}
