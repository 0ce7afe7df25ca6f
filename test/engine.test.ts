/** The render engine: logic-less templates, strictness, literal braces, headers, formatting. */
import { describe, expect, it } from 'vitest';
import { assertLogicLess, renderTemplate } from '../lib/render/handlebars.js';
import { commentStyleFor, withHeader } from '../lib/render/header.js';
import { formatContent } from '../lib/render/format.js';

let n = 0;
const render = (source: string, data: object) => renderTemplate(`inline-${(n += 1)}`, source, data);

describe('logic-less templates', () => {
  it('renders escaping helpers', () => {
    expect(render('name: {{yaml service}}\n', { service: 'a: b' })).toBe('name: "a: b"\n');
    expect(render('x = {{hcl v}}', { v: '${x}' })).toBe('x = "$${x}"');
  });
  it('rejects a bare interpolation, naming the template and line', () => {
    expect(() => assertLogicLess('a\n{{service}}\n', 't.hbs')).toThrow(/t\.hbs:2: .*without an escaping helper/);
    expect(() => assertLogicLess('{{{service}}}', 't.hbs')).toThrow(/without an escaping helper/);
  });
  it('rejects helpers that are not escapers, extra arguments and unknown block helpers', () => {
    expect(() => assertLogicLess('{{lookup a b}}', 't.hbs')).toThrow(/escaping helper/);
    expect(() => assertLogicLess('{{yaml a b}}', 't.hbs')).toThrow(/escaping helper/);
    expect(() => assertLogicLess('{{#eq a b}}x{{/eq}}', 't.hbs')).toThrow(/block helper `eq` is not allowed/);
    expect(() => assertLogicLess('{{> partial}}', 't.hbs')).toThrow(/partials/);
    expect(() => assertLogicLess('{{yaml (concat a)}}', 't.hbs')).toThrow(/not a known transform/);
  });
  it('allows #if/#each/#unless/#with and the gotmpl transform inside an escaper', () => {
    expect(render('{{#each xs}}{{yaml this}},{{/each}}{{#if f}}y{{/if}}{{#unless f}}n{{/unless}}', { xs: ['a', 'b'], f: true })).toBe('a,b,y');
    expect(render('s: {{yaml (gotmpl v)}}', { v: '{{ $x }}' })).toBe('s: "{{ \\"{{ $x }}\\" }}"');
  });
  it('is strict: a missing context field is an error, not an empty string or a silent false', () => {
    expect(() => render('{{yaml missing}}', {})).toThrow(/got undefined/);
    expect(() => render('{{yaml missing.field}}', {})).toThrow();
    expect(() => render('{{#if flags.typo}}x{{/if}}', { flags: {} })).toThrow(/#if .*missing from the context/);
    expect(() => render('{{#each nope}}x{{/each}}', {})).toThrow(/#each/);
    expect(render('{{#if f}}x{{else}}y{{/if}}{{#each xs}}z{{/each}}', { f: false, xs: [] })).toBe('y');
  });
  it('emits {{ }} literally inside a raw block, for Jinja, Go templates and Prometheus', () => {
    const out = render('a: {{yaml v}}\n{{{{raw}}}}b: "{{ ansible_user }} {{ $labels.instance }} {{ .Values.x }}"{{{{/raw}}}}\n', { v: 'x' });
    expect(out).toBe('a: x\nb: "{{ ansible_user }} {{ $labels.instance }} {{ .Values.x }}"\n');
  });
  it('never evaluates braces that come from a value', () => {
    expect(render('{{yaml v}}', { v: '{{yaml other}}' })).toBe('"{{yaml other}}"');
  });
});

describe('headers', () => {
  it('chooses the comment syntax from the file name', () => {
    expect(commentStyleFor('a/main.tf')).toBe('hash');
    expect(commentStyleFor('README.md')).toBe('html');
    expect(commentStyleFor('x/values.schema.json')).toBe('none');
    expect(commentStyleFor('chart/templates/_helpers.tpl')).toBe('go');
    expect(commentStyleFor('Makefile')).toBe('hash');
    expect(() => commentStyleFor('a.unknownext')).toThrow(/no comment style/);
  });
  it('puts the header after a shebang', () => {
    const out = withHeader('#!/bin/sh\necho hi\n', 'hash', '9.9.9');
    expect(out.split('\n')[0]).toBe('#!/bin/sh');
    expect(out.split('\n')[1]).toContain('generator-fluxora (baseline 9.9.9)');
  });
  it('leaves JSON without a header', () => {
    expect(withHeader('{}\n', 'none', '1')).toBe('{}\n');
  });
});

describe('formatting', () => {
  it('formats YAML, JSON and Markdown with prettier and leaves other files alone', async () => {
    expect(await formatContent('a.yaml', "---\nk:   'v'\n")).toBe('---\nk: "v"\n');
    expect(await formatContent('a.json', '{"a":1}')).toBe('{ "a": 1 }\n');
    expect(await formatContent('main.tf', 'a   =  1')).toBe('a   =  1');
  });
});

describe('data-built YAML needs no formatter', () => {
  it('is already what prettier would write, for every example', async () => {
    const { EXAMPLES, contextFor, exampleAnswers, COMPONENT_FILES } = await import('./helpers/render.js');
    const { renderComponent, needsFormatting } = await import('../lib/render/files.js');
    let checked = 0;
    for (const example of EXAMPLES) {
      const ctx = contextFor(exampleAnswers(example));
      for (const component of Object.values(COMPONENT_FILES)) {
        if (!ctx.flags.components[component.component as keyof typeof ctx.flags.components]) continue;
        for (const file of renderComponent(component, ctx).filter((f) => !needsFormatting(f) && f.source.startsWith('data:'))) {
          expect(await formatContent(file.path, file.content), file.path).toBe(file.content);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
  it('the check would catch a file prettier changes (mutation twin)', async () => {
    const unformatted = "---\nkey:   'value'\n";
    expect(await formatContent('x.yaml', unformatted)).not.toBe(unformatted);
  });
});
