/**
 * Escaping helpers, one per target syntax. Every value a template interpolates goes through one of
 * these, so an answer is always data in the output language and never code. Each returns text that
 * is safe to place where the template puts it (a full scalar, a full string literal, a full word).
 */
import { Scalar, stringify as yamlStringify } from 'yaml';

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError(`escaping helper got ${value === null ? 'null' : typeof value}; expected a string, number or boolean`);
}

/** Characters that open a Jinja construct in Ansible: `{{`, `{%`, `{#`. */
const JINJA_OPENERS = /\{[{%#]/;

/**
 * A complete YAML scalar (flow context). Strings are quoted when YAML would otherwise read them as
 * something else (numbers, booleans, `key: value`, comments, anchors); numbers and booleans stay bare.
 */
export function yamlScalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = asText(value);
  const scalar = new Scalar(text);
  if (/[\n\r\t\u0000-\u001f\u007f\u2028\u2029"'\\]/.test(text)) scalar.type = Scalar.QUOTE_DOUBLE;
  return yamlStringify(scalar, { lineWidth: 0, minContentWidth: 0, version: '1.1' }).replace(/\n$/, '');
}

/**
 * A YAML scalar that Ansible will never template. Strings that contain a Jinja opener are tagged
 * `!unsafe` (Ansible's documented marker for literal text), so `{{ lookup(...) }}` in an answer stays text.
 */
export function ansibleScalar(value: unknown): string {
  if (typeof value === 'string' && JINJA_OPENERS.test(value)) {
    return `!unsafe ${yamlDoubleQuoted(value)}`;
  }
  return yamlScalar(value);
}

/** A double-quoted YAML scalar, whatever the content. */
export function yamlDoubleQuoted(value: unknown): string {
  const scalar = new Scalar(asText(value));
  scalar.type = Scalar.QUOTE_DOUBLE;
  return yamlStringify(scalar, { lineWidth: 0, minContentWidth: 0, version: '1.1' }).replace(/\n$/, '');
}

/** A complete HCL (Terraform) quoted string literal, with `${` and `%{` template openers escaped. */
export function hclString(value: unknown): string {
  const text = asText(value);
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && next === '{') {
      out += `${ch}${ch}{`;
      i += 1;
    } else if (ch < ' ' || ch === '\u007f') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** A complete JSON value. */
export function jsonValue(value: unknown): string {
  if (value === undefined) throw new TypeError('json helper got undefined');
  return JSON.stringify(value);
}

/** One shell word, single-quoted unless it is made only of safe characters. */
export function shellWord(value: unknown): string {
  const text = asText(value);
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Inline Markdown text: one line, with the characters that act inline escaped (emphasis, code,
 * links, HTML, table pipes) and a leading block marker (`#`, `-`, `+`, `>`, `1.`) neutralised.
 */
export function markdownText(value: unknown): string {
  const inline = asText(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/[<>&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&amp;'))
    .replace(/!(?=\\\[)/g, '\\!');
  return inline.replace(/^(\s*)([#+-]|[0-9]+[.)])/, (_, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`);
}

/** A Go string literal (double-quoted, Go escapes). Used by goTemplateText and promqlString. */
function goQuoted(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u007f') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/**
 * Text placed inside a Go-template field (Alertmanager and Prometheus annotations, Helm): a value that
 * contains `{{` or `}}` is emitted as a Go string-literal action `{{ "..." }}`, which prints it verbatim.
 * The result still needs escaping for the file's own syntax (YAML), which the caller does.
 */
export function goTemplateText(value: unknown): string {
  const text = asText(value);
  if (!text.includes('{{') && !text.includes('}}')) return text;
  return `{{ ${goQuoted(text)} }}`;
}

/** A PromQL string literal for a label matcher value: `service="..."`. */
export function promqlString(value: unknown): string {
  return goQuoted(asText(value));
}

/** A comment's text on one line (for a header or a `#` comment): newlines cannot end the comment. */
export function commentText(value: unknown): string {
  return asText(value).replace(/[\r\n\u2028\u2029]+/g, ' ');
}
