/**
 * Every escaping helper, against adversarial strings (fixed and property-based): the output must
 * parse back, in its target syntax, to exactly the input, and never as code.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml, parseDocument } from 'yaml';
import {
  ansibleScalar,
  commentText,
  goTemplateText,
  hclString,
  jsonValue,
  markdownText,
  promqlString,
  shellWord,
  yamlDoubleQuoted,
  yamlScalar,
} from '../lib/render/escape.js';

export const ADVERSARIAL = [
  '',
  'plain',
  '{{ lookup("pipe", "id") }}',
  '{% raw %}x{% endraw %}',
  '{# comment #}',
  '${var.secret}',
  '%{ if true }x%{ endif }',
  '$${already}',
  '{{ $labels.instance }}',
  '{{ .Values.x }}',
  'line1\nline2',
  'key: value',
  '- item',
  '# not a comment',
  'x # trailing',
  '"double" \'single\'',
  'back\\slash\\',
  'yes',
  'off',
  '0755',
  '1e3',
  '~',
  'null',
  '&anchor *alias !tag',
  '[a, b]',
  '{a: b}',
  '|',
  '>-',
  ' leading and trailing ',
  'tab\there',
  'carriage\rreturn',
  'unicode ü ß 支付 \u2028 sep',
  '`rm -rf /`',
  "$(id) ; && || ' \" `",
  '<script>alert(1)</script>',
  '| a | b |',
  '*bold* _em_ [link](http://x)',
  '1. list',
  '}} {{',
  'service="x"} or vector(1) #',
];

const adversarialText = fc.oneof(
  fc.constantFrom(...ADVERSARIAL),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('{{', '}}', '{%', '%}', '{#', '${', '%{', '$labels', '\n', ': ', '#', '"', "'", '\\', '`', '|', 'a', ' ', '-', '!', '&', '*'), { maxLength: 12 }).map((parts) => parts.join('')),
);
const noNul = adversarialText.filter((s) => !s.includes('\u0000'));

/** The `!unsafe` tag Ansible uses for literal text, read back as a plain string. */
const unsafeTag = { tag: '!unsafe', resolve: (value: string) => value };

describe('yamlScalar', () => {
  it('round-trips under YAML 1.2 and 1.1 as exactly one string value', () => {
    fc.assert(
      fc.property(noNul, (value) => {
        const text = `key: ${yamlScalar(value)}\n`;
        for (const version of ['1.1', '1.2'] as const) {
          const doc = parseDocument(text, { version });
          expect(doc.errors).toEqual([]);
          expect(doc.toJS()).toEqual({ key: value });
        }
      }),
      { numRuns: 400 },
    );
  });
  it('keeps numbers and booleans bare', () => {
    expect(yamlScalar(8080)).toBe('8080');
    expect(yamlScalar(true)).toBe('true');
  });
  it('quotes YAML 1.1 booleans and octals that Ansible (PyYAML) would convert', () => {
    for (const value of ['yes', 'no', 'on', 'off', 'y', 'n', '0755']) expect(yamlScalar(value)).toMatch(/^["']/);
  });
  it('rejects objects and undefined rather than printing them', () => {
    expect(() => yamlScalar({})).toThrow(/escaping helper/);
    expect(() => yamlScalar(undefined)).toThrow(/escaping helper/);
  });
});

describe('yamlDoubleQuoted', () => {
  it('always double-quotes and round-trips', () => {
    fc.assert(
      fc.property(noNul, (value) => {
        const out = yamlDoubleQuoted(value);
        expect(out.startsWith('"')).toBe(true);
        expect(parseYaml(`k: ${out}`)).toEqual({ k: value });
      }),
    );
  });
});

describe('ansibleScalar', () => {
  it('marks any Jinja opener !unsafe, so Ansible never templates an answer', () => {
    fc.assert(
      fc.property(noNul, (value) => {
        const out = ansibleScalar(value);
        if (/\{[{%#]/.test(value)) expect(out.startsWith('!unsafe "')).toBe(true);
        const doc = parseDocument(`k: ${out}\n`, { version: '1.1', customTags: [unsafeTag] });
        expect(doc.errors).toEqual([]);
        expect(doc.toJS()).toEqual({ k: value });
      }),
      { numRuns: 300 },
    );
  });
  it('leaves plain values readable', () => {
    expect(ansibleScalar('payments-api')).toBe('payments-api');
  });
});

/** An independent reader of an HCL quoted template (HCL native syntax spec, "Template Expressions"). */
function readHclQuoted(literal: string): { value: string; interpolations: number } {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const body = literal.slice(1, -1);
  let value = '';
  let interpolations = 0;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (ch === '\\') {
      const next = body[i + 1]!;
      i += 1;
      if (next === 'n') value += '\n';
      else if (next === 'r') value += '\r';
      else if (next === 't') value += '\t';
      else if (next === '"' || next === '\\') value += next;
      else if (next === 'u') {
        value += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
        i += 4;
      } else throw new Error(`bad escape \\${next}`);
    } else if ((ch === '$' || ch === '%') && body[i + 1] === ch && body[i + 2] === '{') {
      value += `${ch}{`;
      i += 2;
    } else if ((ch === '$' || ch === '%') && body[i + 1] === '{') {
      interpolations += 1;
      value += `${ch}{`;
      i += 1;
    } else if (ch === '"' || ch === '\n') {
      throw new Error('unescaped quote or newline ends the string');
    } else value += ch;
  }
  return { value, interpolations };
}

describe('hclString', () => {
  it('reads back to the input with no interpolation or directive', () => {
    fc.assert(
      fc.property(noNul, (value) => {
        const read = readHclQuoted(hclString(value));
        expect(read.interpolations).toBe(0);
        expect(read.value).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
  it('parses in real HCL (hcl2json) as one attribute', async () => {
    const { parse } = await import('@cdktf/hcl2json');
    for (const value of ADVERSARIAL) {
      const parsed = (await parse('t.tf', `locals {\n  x = ${hclString(value)}\n}\n`)) as { locals: Array<Record<string, unknown>> };
      expect(Object.keys(parsed.locals[0]!)).toEqual(['x']);
    }
  });
  it('the reader catches an unescaped interpolation (mutation twin)', () => {
    expect(readHclQuoted('"${var.x}"').interpolations).toBe(1);
  });
});

describe('jsonValue', () => {
  it('round-trips any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(jsonValue(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }));
  });
});

describe('shellWord', () => {
  it('is one word that a POSIX shell reads back verbatim (no expansion)', () => {
    const samples = fc.sample(noNul, 150).concat(ADVERSARIAL);
    const script = samples.map((s) => `printf '%s\\0' ${shellWord(s)}`).join('\n');
    const result = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(samples);
  });
});

describe('markdownText', () => {
  it('stays on one line and leaves no active inline syntax', () => {
    fc.assert(
      fc.property(noNul, (value) => {
        const out = markdownText(value);
        expect(out).not.toMatch(/[\r\n]/);
        expect(out).not.toMatch(/(^|[^\\])[`*_|[\]<>~]/);
        expect(out).not.toMatch(/^\s*([#+-]|[0-9]+[.)])(\s|$)/);
      }),
    );
  });
});

/** Decode a Go interpreted string literal of the escapes goQuoted emits. */
function readGoString(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal.slice(1, -1).replace(/\\(x[0-9a-f]{2}|.)/g, (_, e: string) => {
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[e] ?? `\\${e}`;
  });
}

describe('goTemplateText and promqlString', () => {
  it('goTemplateText leaves text without braces alone and wraps braces in one string action', () => {
    fc.assert(
      fc.property(noNul, (value) => {
        const out = goTemplateText(value);
        if (!value.includes('{{') && !value.includes('}}')) expect(out).toBe(value);
        else {
          const match = /^\{\{ (".*") \}\}$/s.exec(out);
          expect(match).not.toBeNull();
          expect(readGoString(match![1]!)).toBe(value);
          expect(match![1]!.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
        }
      }),
    );
  });
  it('promqlString is a closed string literal that reads back to the input', () => {
    fc.assert(
      fc.property(noNul, (value) => {
        const out = promqlString(value);
        expect(readGoString(out)).toBe(value);
        expect(out.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*"/);
        expect(out).not.toMatch(/[\n\r]/);
      }),
    );
  });
});

describe('commentText', () => {
  it('cannot end a comment line', () => {
    fc.assert(fc.property(noNul, (value) => {
        expect(commentText(value)).not.toMatch(/[\r\n\u2028\u2029]/);
      }));
  });
});
