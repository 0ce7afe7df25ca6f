/** The README's answers table, generated from the schema (the single source of the answers). */
import { answersSchema, type SchemaNode } from './schema.js';

function typeOf(node: SchemaNode): string {
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (node.type === 'array') {
    const items = node.items;
    if (items?.enum) return `list of ${items.enum.map((v) => `\`${String(v)}\``).join(' \\| ')}`;
    return `list of ${items?.type ?? 'values'}`;
  }
  return String(node.type ?? 'value');
}

function defaultOf(node: SchemaNode): string {
  if (node.default === undefined) return '';
  const text = JSON.stringify(node.default);
  return text.length > 40 ? 'see schema' : `\`${text}\``;
}

function rows(node: SchemaNode, prefix: string, required: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const description = (child.description ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    out.push(`| \`${path}\` | ${typeOf(child)} | ${required.includes(key) ? 'yes' : ''} | ${defaultOf(child)} | ${description} |`);
    if (child.properties) out.push(...rows(child, path, child.required ?? []));
    if (child.type === 'array' && child.items?.properties) out.push(...rows(child.items, `${path}[]`, child.items.required ?? []));
  }
  return out;
}

export function answersTable(schema: SchemaNode = answersSchema): string {
  const crossField = (schema.allOf ?? []).map((rule) => `- \`${rule['x-field'] ?? ''}\`: ${rule['x-message'] ?? ''}`);
  return [
    '| Answer | Type | Required | Default | Meaning and rule |',
    '| --- | --- | --- | --- | --- |',
    ...rows(schema, '', schema.required ?? []),
    '',
    'Cross-field rules:',
    '',
    ...crossField,
  ].join('\n');
}

export const TABLE_BEGIN = '<!-- BEGIN ANSWERS TABLE (generated from schemas/answers.schema.json: npm run docs) -->';
export const TABLE_END = '<!-- END ANSWERS TABLE -->';

/** README text with the generated table between its markers. */
export function withAnswersTable(readme: string): string {
  const start = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error('README.md has no answers-table markers');
  return `${readme.slice(0, start + TABLE_BEGIN.length)}\n\n${answersTable()}\n\n${readme.slice(end)}`;
}
