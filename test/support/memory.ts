// Memory readings for leak tests: this process's after a full garbage collection, and another
// process's resident set (Linux /proc), for servers run as children.
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// gc() without --expose-gc on the command line: the flag set now installs it in new contexts.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** This process's memory once garbage no longer counts. */
export function settledMemory(): NodeJS.MemoryUsage {
  gc();
  gc(); // a second pass collects what the first one's finalizers released
  return process.memoryUsage();
}

/** Resident set size of a process in bytes (VmRSS in /proc/<pid>/status). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

export const MIB = 1024 * 1024;
