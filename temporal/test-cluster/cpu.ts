// CPU time of the cluster's processes from /proc (Linux), for the per-customer costs the cluster
// suite prints and docs/deploy.md sizes deployments with. Printed, never asserted.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU fields: 100 on every Linux this runs on. */
const TICKS_PER_S = 100;

type Stat = { ppid: number; ticks: number };

function stat(pid: number): Stat | null {
  try {
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // Fields from 3 on: ppid is 4th overall (index 1 here), utime/stime 14th/15th (11/12).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone
  }
}

/** CPU milliseconds of a process and, with `children`, of its live direct children (PostgreSQL's backends). */
export function cpuMs(pid: number, children = false): number {
  let ticks = stat(pid)?.ticks ?? 0;
  if (children) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = stat(Number(entry));
      if (child?.ppid === pid) ticks += child.ticks;
    }
  }
  return (ticks * 1000) / TICKS_PER_S;
}
