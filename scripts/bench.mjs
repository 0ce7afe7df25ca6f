#!/usr/bin/env node
// npm run bench: fresh scaffold and upgrade timings of examples/payments-api.yaml through the bin.
//   fresh:   5 renders into empty folders; median wall time
//   floor:   node start-up + `cp -r` of the same output tree (what no generator can beat)
//   upgrade: a repo with 10 team-edited files across a baseline change (N -> N+1); median of 5
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'bin', 'fluxora.js');
const answers = join(root, 'examples', 'payments-api.yaml');
const RUNS = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(3)} s`;

function time(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return ms;
}

function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(dir, abs));
    }
  };
  walk(dir);
  return out.sort();
}

// Fresh scaffold.
const fresh = [];
let sample;
for (let i = 0; i < RUNS; i += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'fluxora-bench-'));
  fresh.push(time(process.execPath, [bin, '--answers', answers], { cwd: dir }));
  if (i === 0) sample = dir;
  else rmSync(dir, { recursive: true, force: true });
}
const count = files(sample).length;

// Floor: node start-up plus copying the same tree.
const floor = [];
for (let i = 0; i < RUNS; i += 1) {
  const target = join(mkdtempSync(join(tmpdir(), 'fluxora-floor-')), 'copy');
  floor.push(time(process.execPath, ['-e', '0']) + time('cp', ['-r', sample, target]));
}

// Upgrade with 10 team-edited files across a baseline change.
const edited = files(sample).filter((p) => !p.startsWith('.fluxora/') && !p.endsWith('.json') && p !== '.yo-rc.json').slice(0, 10);
for (const path of edited) {
  const abs = join(sample, path);
  const note = path.endsWith('.md') ? '<!-- team note -->' : '# team note';
  const lines = readFileSync(abs, 'utf8').split('\n');
  lines.splice(Math.floor(lines.length / 2), 0, note);
  writeFileSync(abs, lines.join('\n'));
}
const nextTemplates = mkdtempSync(join(tmpdir(), 'fluxora-bench-templates-'));
cpSync(join(root, 'templates'), nextTemplates, { recursive: true });
const gitignore = join(nextTemplates, 'app', 'gitignore');
writeFileSync(gitignore, `${readFileSync(gitignore, 'utf8')}\n# Local tool caches\n.cache/\n`);
const env = { ...process.env, FLUXORA_TEST_TEMPLATES_DIR: nextTemplates, FLUXORA_TEST_BASELINE_VERSION: '99.0.0-bench' };
const upgrade = [];
for (let i = 0; i < RUNS; i += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'fluxora-bench-up-'));
  cpSync(sample, dir, { recursive: true });
  upgrade.push(time(process.execPath, [bin], { cwd: dir, env }));
  rmSync(dir, { recursive: true, force: true });
}

const m = median(fresh);
const f = median(floor);
const u = median(upgrade);
console.log(`fluxora bench: examples/payments-api.yaml, ${count} files written (incl. .fluxora/ and .yo-rc.json), ${RUNS} runs each`);
console.log(`  fresh scaffold  median ${fmt(m)}  (runs: ${fresh.map(fmt).join(', ')})`);
console.log(`  floor           median ${fmt(f)}  (node start-up + cp -r of the same tree)`);
console.log(`  ratio           ${(m / f).toFixed(1)}x the floor; goal: fresh < 1 s`);
console.log(`  upgrade         median ${fmt(u)}  (${edited.length} team-edited files, baseline N -> N+1)`);
console.log(`  upgrade/fresh   ${(u / m).toFixed(2)}x; goal <= 1.5x`);
