// What the commands print. Results go to stdout, problems to stderr, each refusal with the field
// it names, so a CI log points at what to fix.
import { ApiFailure } from './api';
import type { FileIssue, GraphDiff } from './types';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A failed command: its message (and, for the API, the code, status and each named field). */
export function printFailure(io: Io, error: unknown): void {
  if (error instanceof ApiFailure) {
    const where = error.status ? `, HTTP ${error.status}` : '';
    io.err(`braid: ${error.message} [${error.code}${where}]`);
    for (const d of error.details) io.err(`  ${d.field || '(request)'}: ${d.message}`);
    return;
  }
  io.err(`braid: ${error instanceof Error ? error.message : String(error)}`);
}

export function printIssues(io: Io, file: string, issues: FileIssue[]): void {
  io.err(`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`);
  for (const i of issues) io.err(`  ${i.field}${i.nodeId ? ` (step "${i.nodeId}")` : ''}: ${i.message}`);
}

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

export function printDiff(io: Io, title: string, diff: GraphDiff): void {
  if (diff.same) {
    io.out(`${title}: no changes`);
    return;
  }
  io.out(`${title}:`);
  for (const s of diff.added) io.out(`  + ${s.nodeId} (${s.type}) added`);
  for (const s of diff.removed) io.out(`  - ${s.nodeId} (${s.type}) removed`);
  for (const s of diff.changed) {
    io.out(`  ~ ${s.nodeId} (${s.typeBefore ? `${s.typeBefore} → ` : ''}${s.type}) changed`);
    for (const f of s.fields) io.out(`      ${f.field === '$label' ? 'name' : f.field}: ${show(f.before)} → ${show(f.after)}`);
  }
  for (const r of diff.rewired) io.out(`  ↪ ${r.nodeId}.${r.port}: ${r.before.join(', ') || '—'} → ${r.after.join(', ') || '—'}`);
}

/** The command found problems and printed them: exit 1 without a second message. */
export class Problems extends Error {
  constructor() {
    super('problems found');
  }
}
