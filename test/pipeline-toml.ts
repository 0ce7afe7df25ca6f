/** Just enough TOML for .gitleaks.toml in the tests: `key = true` and `paths = ['''literal''']`. */
export function parse(text: string): { useDefault?: boolean; paths?: string[] } {
  const out: { useDefault?: boolean; paths?: string[] } = {};
  const use = /^useDefault\s*=\s*(true|false)\s*$/m.exec(text);
  if (use) out.useDefault = use[1] === 'true';
  const paths = /^paths\s*=\s*\[(.*)\]\s*$/m.exec(text);
  if (paths) out.paths = [...paths[1]!.matchAll(/'''(.*?)'''/g)].map((m) => m[1]!);
  return out;
}
