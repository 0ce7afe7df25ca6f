/**
 * The update plan, property-based: random team edits (line inserts, deletes and changes; deleted
 * files; added files, some colliding with new baseline files) across a random baseline change.
 * Every team edit must survive in the final file, or the file is reported as a conflict and holds
 * the edit between markers. Zero lost edits.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planUpdate, findMarkers, type FileStatus } from '../lib/baseline/plan.js';
import { BASELINE_DIR, MANIFEST_PATH, emptyManifest, parseManifest, sha256, type Manifest } from '../lib/baseline/manifest.js';
import type { RenderedFile } from '../lib/render/files.js';

type Tree = Map<string, string>;

interface Edit {
  kind: 'insert' | 'delete' | 'change';
  /** The line the team added (insert, change) or removed (delete, change). */
  added?: string;
  removed?: string;
}

function rendered(tree: Tree): RenderedFile[] {
  return [...tree].map(([path, content]) => ({ path, content, source: `t/${path}`, component: 'c', controls: [] }));
}

function manifestOf(tree: Tree, version: string): Manifest {
  const m = emptyManifest('g', version);
  for (const [path, content] of tree) m.files[path] = { template: `t/${path}`, component: 'c', baseline: version, sha256: sha256(content), controls: [] };
  return m;
}

/** Run baseline N (scaffold) to get the repo, apply team edits, then plan N+1 and apply its writes. */
function upgrade(baseN: Tree, baseN1: Tree, team: Tree) {
  const repo = new Map(team);
  for (const [path, content] of baseN) repo.set(`${BASELINE_DIR}/${path}`, content);
  const plan = planUpdate({
    rendered: rendered(baseN1),
    components: new Set(['c']),
    oldManifest: manifestOf(baseN, '1.0.0'),
    generator: 'g',
    version: '2.0.0',
    readCurrent: (p) => repo.get(p),
    readPristine: (p) => repo.get(`${BASELINE_DIR}/${p}`),
  });
  for (const f of plan.files) {
    if (f.write === null) repo.delete(f.path);
    else if (f.write !== undefined) repo.set(f.path, f.write);
  }
  for (const b of plan.bookkeeping) {
    if (b.content === null) repo.delete(b.path);
    else repo.set(b.path, b.content);
  }
  return { plan, repo, status: new Map<string, FileStatus>(plan.files.map((f) => [f.path, f.status])) };
}

/** Lines outside conflict-marker blocks. */
function outsideMarkers(content: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const line of content.split('\n')) {
    if (line.startsWith('<<<<<<< ')) depth += 1;
    else if (line.startsWith('>>>>>>> ')) depth -= 1;
    else if (depth === 0) out.push(line);
  }
  return out;
}

const lineIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const toText = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');

const scenario = fc
  .record({
    files: fc.array(fc.integer({ min: 2, max: 14 }), { minLength: 1, maxLength: 6 }),
    seed: fc.integer(),
    baselineOps: fc.array(fc.tuple(fc.constantFrom('keep', 'change', 'insert', 'delete', 'drop'), fc.nat(), fc.nat()), { minLength: 6, maxLength: 6 }),
    teamOps: fc.array(fc.tuple(fc.constantFrom('none', 'insert', 'delete', 'change', 'deleteFile', 'multi'), fc.nat(), fc.nat()), { minLength: 6, maxLength: 6 }),
    newFiles: fc.nat({ max: 2 }),
    teamFiles: fc.nat({ max: 2 }),
    collide: fc.boolean(),
  })
  .map((s) => {
    const baseN: Tree = new Map();
    const baseN1: Tree = new Map();
    const team: Tree = new Map();
    const edits = new Map<string, Edit[] | 'deleted'>();
    s.files.forEach((count, f) => {
      const path = `dir${f % 2}/file${f}.txt`;
      const lines = lineIds(`b${f}`, count);
      baseN.set(path, toText(lines));
      const [bop, bi, bj] = s.baselineOps[f]!;
      const next = [...lines];
      if (bop === 'change') next[bi % next.length] = `n${f}-${bi % next.length}`;
      else if (bop === 'insert') next.splice(bi % (next.length + 1), 0, `n${f}-ins`, `n${f}-ins2`);
      else if (bop === 'delete') next.splice(bi % next.length, 1 + (bj % 2));
      if (bop !== 'drop') baseN1.set(path, toText(next));
      const [top, ti, tj] = s.teamOps[f]!;
      const mine = [...lines];
      const list: Edit[] = [];
      const apply = (op: string, i: number) => {
        if (mine.length === 0) return;
        const at = i % mine.length;
        if (op === 'insert') {
          const added = `t${f}-ins-${list.length}`;
          mine.splice(at, 0, added);
          list.push({ kind: 'insert', added });
        } else if (op === 'delete' && mine[at]!.startsWith('b')) {
          list.push({ kind: 'delete', removed: mine[at]! });
          mine.splice(at, 1);
        } else if (op === 'change' && mine[at]!.startsWith('b')) {
          const added = `t${f}-chg-${list.length}`;
          list.push({ kind: 'change', removed: mine[at]!, added });
          mine[at] = added;
        }
      };
      if (top === 'deleteFile') edits.set(path, 'deleted');
      else {
        if (top === 'multi') {
          apply('insert', ti);
          apply('change', tj);
          apply('delete', ti + tj + 1);
        } else if (top !== 'none') apply(top, ti);
        team.set(path, toText(mine));
        edits.set(path, list);
      }
    });
    for (let i = 0; i < s.newFiles; i += 1) baseN1.set(`new/file${i}.txt`, toText(lineIds(`new${i}`, 3)));
    const teamAdded = new Map<string, string>();
    for (let i = 0; i < s.teamFiles; i += 1) {
      const path = s.collide && i < s.newFiles ? `new/file${i}.txt` : `team/own${i}.txt`;
      const content = toText(lineIds(`own${i}`, 2));
      team.set(path, content);
      teamAdded.set(path, content);
    }
    return { baseN, baseN1, team, edits, teamAdded };
  });

describe('update plan (property-based, zero lost edits)', () => {
  it('keeps every team edit, or reports a conflict holding it between markers', () => {
    let cases = 0;
    let conflicts = 0;
    fc.assert(
      fc.property(scenario, ({ baseN, baseN1, team, edits, teamAdded }) => {
        cases += 1;
        const { repo, status, plan } = upgrade(baseN, baseN1, team);
        conflicts += plan.conflicts.length;
        for (const [path, fileEdits] of edits) {
          const final = repo.get(path);
          if (fileEdits === 'deleted') {
            expect(final, `${path} was deleted by the team`).toBeUndefined();
            continue;
          }
          const edited = fileEdits.length > 0;
          if (edited) expect(final, `${path} was edited and must still exist`).toBeDefined();
          if (final === undefined) {
            expect(status.get(path)).toBe('removed');
            continue;
          }
          const lines = final.split('\n');
          for (const edit of fileEdits) {
            if (edit.added) expect(lines, `${path}: team line ${edit.added} (${status.get(path)})`).toContain(edit.added);
            if (edit.removed) {
              const visible = status.get(path) === 'conflict' ? outsideMarkers(final) : lines;
              expect(visible, `${path}: team removed ${edit.removed} (${status.get(path)})`).not.toContain(edit.removed);
            }
          }
          if (status.get(path) === 'conflict') expect(final).toMatch(/^<<<<<<< team$/m);
          else expect(final).not.toMatch(/^(<<<<<<<|>>>>>>>) /m);
        }
        for (const [path, content] of teamAdded) {
          const final = repo.get(path)!;
          if (baseN1.has(path) && baseN1.get(path) !== content) {
            expect(status.get(path)).toBe('conflict');
            for (const line of content.trim().split('\n')) expect(final.split('\n')).toContain(line);
          } else expect(final).toBe(content);
        }
        // The manifest and pristine copies now describe baseline N+1 exactly.
        const manifest = parseManifest(repo.get(MANIFEST_PATH)!);
        expect(Object.keys(manifest.files).sort()).toEqual([...baseN1.keys()].sort());
        for (const [path, content] of baseN1) expect(repo.get(`${BASELINE_DIR}/${path}`)).toBe(content);
      }),
      { numRuns: 600 },
    );
    expect(cases).toBe(600);
    expect(conflicts).toBeGreaterThan(0);
  });

  it('a second plan with nothing new writes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ baseN, baseN1, team }) => {
        const { repo } = upgrade(baseN, baseN1, team);
        const again = planUpdate({
          rendered: rendered(baseN1),
          components: new Set(['c']),
          oldManifest: parseManifest(repo.get(MANIFEST_PATH)!),
          generator: 'g',
          version: '2.0.0',
          readCurrent: (p) => repo.get(p),
          readPristine: (p) => repo.get(`${BASELINE_DIR}/${p}`),
        });
        expect(again.files.filter((f) => f.write !== undefined && f.status !== 'conflict')).toEqual([]);
        expect(again.bookkeeping).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('statuses', () => {
  const N: Tree = new Map([
    ['same.txt', 'a\nb\n'],
    ['changes.txt', 'a\nb\nc\nd\n'],
    ['dropped.txt', 'x\n'],
    ['dropped-touched.txt', 'y\n'],
  ]);
  const N1: Tree = new Map([
    ['same.txt', 'a\nb\n'],
    ['changes.txt', 'a\nb\nc\nD\n'],
    ['added.txt', 'new\n'],
  ]);
  it('gives each file exactly one of the nine statuses', () => {
    const team: Tree = new Map([
      ['same.txt', 'a\nb\n'],
      ['changes.txt', 'A\nb\nc\nd\n'],
      ['dropped.txt', 'x\n'],
      ['dropped-touched.txt', 'y\nmine\n'],
    ]);
    const { status, repo } = upgrade(N, N1, team);
    expect(Object.fromEntries(status)).toEqual({
      'same.txt': 'identical',
      'changes.txt': 'merged',
      'dropped.txt': 'removed',
      'dropped-touched.txt': 'orphaned',
      'added.txt': 'created',
    });
    expect(repo.get('changes.txt')).toBe('A\nb\nc\nD\n');
    expect(repo.has('dropped.txt')).toBe(false);
    expect(repo.get('dropped-touched.txt')).toBe('y\nmine\n');
  });
  it('labels conflict markers team / baseline old / baseline new', () => {
    const { status, repo } = upgrade(N, N1, new Map([['changes.txt', 'a\nb\nc\nmine\n']]));
    expect(status.get('changes.txt')).toBe('conflict');
    expect(repo.get('changes.txt')).toBe('a\nb\nc\n<<<<<<< team\nmine\n||||||| baseline 1.0.0\nd\n=======\nD\n>>>>>>> baseline 2.0.0\n');
    expect(findMarkers(['changes.txt', 'same.txt'], (p) => repo.get(p))).toEqual(['changes.txt']);
  });
  it('updates untouched files, keeps team-only edits and team deletions', () => {
    const { status } = upgrade(N, N1, new Map([['same.txt', 'a\nb\nmine\n'], ['changes.txt', 'a\nb\nc\nd\n']]));
    expect(status.get('changes.txt')).toBe('updated');
    expect(status.get('same.txt')).toBe('kept');
    expect(status.get('dropped.txt')).toBeUndefined();
  });
});
