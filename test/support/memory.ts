// Memory readings for leak tests: another process's resident set (Linux /proc), for servers run as
// children. (A process's own settled memory needs --expose-gc: see test/support/kernel-calls.ts.)
import { readFile } from 'node:fs/promises';

/** Resident set size of a process in bytes (VmRSS in /proc/<pid>/status). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

export const MIB = 1024 * 1024;
