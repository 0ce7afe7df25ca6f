/**
 * Crash-safe writing. A run's writes are first recorded in a journal (written atomically), then each
 * file is written atomically (temporary file + rename) in a fixed order: the team's files, then the
 * pristine copies, then .yo-rc.json, and the manifest last. A run killed at any point leaves either no
 * journal (nothing was applied yet) or a complete journal that the next run replays first, so every
 * interrupted run ends in the same tree as an uninterrupted one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BASELINE_DIR, FLUXORA_DIR, MANIFEST_PATH } from './manifest.js';

export const JOURNAL_PATH = `${FLUXORA_DIR}/journal.json`;
const TMP_SUFFIX = '.fluxora-tmp';

export interface WriteEntry {
  path: string;
  /** New content (UTF-8 text); null deletes the file. */
  content: string | null;
  mode?: number;
}

function rank(path: string): number {
  if (path === MANIFEST_PATH) return 3;
  if (path === '.yo-rc.json') return 2;
  if (path.startsWith(`${BASELINE_DIR}/`)) return 1;
  return 0;
}

/** The order writes are applied in: team files, pristine copies, answers, manifest. */
export function orderWrites(entries: WriteEntry[]): WriteEntry[] {
  return [...entries].sort((a, b) => rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function writeDurably(abs: string, data: string, mode: number | undefined): void {
  mkdirSync(dirname(abs), { recursive: true });
  const tmp = `${abs}${TMP_SUFFIX}`;
  const fd = openSync(tmp, 'w', mode ?? 0o644);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, abs);
}

function removeEmptyParents(root: string, path: string): void {
  let dir = dirname(path);
  while (dir !== '.' && dir !== '') {
    const abs = join(root, dir);
    if (!existsSync(abs) || readdirSync(abs).length > 0) return;
    rmdirSync(abs);
    dir = dirname(dir);
  }
}

function applyEntry(root: string, entry: WriteEntry): void {
  const abs = join(root, entry.path);
  rmSync(`${abs}${TMP_SUFFIX}`, { force: true });
  if (entry.content === null) {
    rmSync(abs, { force: true });
    removeEmptyParents(root, entry.path);
  } else {
    writeDurably(abs, entry.content, entry.mode);
  }
}

/** Journal, apply in order, then drop the journal. */
export function commitWrites(root: string, entries: WriteEntry[], onWrite?: (entry: WriteEntry) => void): void {
  if (entries.length === 0) return;
  const ordered = orderWrites(entries);
  writeDurably(join(root, JOURNAL_PATH), `${JSON.stringify({ version: 1, entries: ordered })}\n`, 0o644);
  // Test hook for the kill test: widen the commit window and announce its start synchronously.
  const pause = Number(process.env.FLUXORA_TEST_SLOW_COMMIT_MS ?? 0);
  if (pause > 0) writeSync(2, `fluxora-test: commit of ${ordered.length} writes started\n`);
  for (const entry of ordered) {
    applyEntry(root, entry);
    onWrite?.(entry);
    if (pause > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
  }
  rmSync(join(root, JOURNAL_PATH), { force: true });
}

/**
 * Finish an interrupted run, if there is one. Returns the number of entries replayed (0: none).
 * A half-written journal (only its temporary file exists) means nothing was applied: it is dropped.
 */
export function recoverInterruptedRun(root: string): number {
  rmSync(join(root, `${JOURNAL_PATH}${TMP_SUFFIX}`), { force: true });
  const journalPath = join(root, JOURNAL_PATH);
  if (!existsSync(journalPath)) return 0;
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { version: number; entries: WriteEntry[] };
  for (const entry of journal.entries) applyEntry(root, entry);
  rmSync(journalPath, { force: true });
  return journal.entries.length;
}
