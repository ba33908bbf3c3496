// A child process held to a share of one CPU and a memory limit by the kernel's control groups, as
// Lambda holds a function to the CPU and memory of its size. cgroup v1 (separate `cpu` and `memory`
// hierarchies) or v2 (one unified hierarchy with both controllers), whichever the machine has; where
// neither can be written (not root, no cgroup file system), cgroupSupport() says why and nothing runs.
//
// The group is made for one child and removed when it exits, even on failure. The child joins it
// before Node starts: a shell writes its own pid into the group, then execs node, so the limits hold
// from Node's first instruction.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The kernel's default CFS period: the CPU budget (the quota) is granted afresh every period. */
export const CPU_PERIOD_US = 100_000;

export interface Limits {
  /** CPU time per period: `cpuShare` of one CPU (1 = one full CPU). */
  cpuShare: number;
  memoryBytes: number;
}

export type CgroupSupport = { version: 'v1' | 'v2'; note: string } | { version: null; note: string };

interface Mount {
  path: string;
  type: string;
  options: string[];
}

function mounts(): Mount[] {
  return readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields.length >= 4)
    .map(([, path, type, options]) => ({ path: path!.replace(/\\040/g, ' '), type: type!, options: options!.split(',') }));
}

/** This process's own group in each hierarchy (/proc/self/cgroup): controller list (or '' for v2) -> path. */
function ownGroups(): Map<string, string> {
  const groups = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line) ?? [];
    if (controllers !== undefined && path !== undefined) groups.set(controllers, path);
  }
  return groups;
}

/** The folder of this process's group in the v1 hierarchy that has `controller` mounted. */
function v1Folder(controller: 'cpu' | 'memory'): string | null {
  const mount = mounts().find((m) => m.type === 'cgroup' && m.options.includes(controller));
  if (!mount) return null;
  const own = [...ownGroups()].find(([controllers]) => controllers.split(',').includes(controller))?.[1] ?? '/';
  const folder = join(mount.path, own);
  return existsSync(join(folder, 'cgroup.procs')) ? folder : mount.path;
}

/** The unified hierarchy's root, when it offers both controllers. */
function v2Root(): string | null {
  const mount = mounts().find((m) => m.type === 'cgroup2');
  const controllers =
    mount && existsSync(join(mount.path, 'cgroup.controllers')) ? readFileSync(join(mount.path, 'cgroup.controllers'), 'utf8').split(/\s+/) : [];
  return controllers.includes('cpu') && controllers.includes('memory') ? mount!.path : null;
}

function candidate(): { version: 'v1' | 'v2' } | { version: null; note: string } {
  if (process.platform !== 'linux') return { version: null, note: `control groups are Linux's; this is ${process.platform}` };
  if (v1Folder('cpu') && v1Folder('memory')) return { version: 'v1' };
  if (v2Root()) return { version: 'v2' };
  return { version: null, note: 'no cgroup v1 cpu and memory hierarchies and no cgroup v2 with both controllers are mounted' };
}

/** Which control groups can hold a child here: a group is made, limited and removed again to find out. */
export function cgroupSupport(): CgroupSupport {
  const found = candidate();
  if (!found.version) return found;
  try {
    const group = makeGroup(found.version, `polyfn-bench-probe-${process.pid}`, { cpuShare: 1, memoryBytes: 2 ** 30 });
    group.removeEmpty();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      version: null,
      note: `cgroup ${found.version} is mounted but a limited group cannot be made there (${reason}${process.getuid?.() === 0 ? '' : '; this needs root'})`,
    };
  }
  return {
    version: found.version,
    note: found.version === 'v1' ? `cgroup v1: cpu under ${v1Folder('cpu')}, memory under ${v1Folder('memory')}` : `cgroup v2 under ${v2Root()}`,
  };
}

interface Group {
  /** The cgroup.procs file(s) the child writes its pid into. */
  procs: string[];
  /** The file that holds the CPU limit, and what writing `value` into it sets: the limits' share. */
  cpuLimit: { file: string; value: string };
  /** Once its child has exited. */
  remove(): Promise<void>;
  /** A group no process ever joined. */
  removeEmpty(): void;
}

async function removeFolder(folder: string): Promise<void> {
  // The last task leaves its group a moment after its exit is reported: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      if (existsSync(folder)) rmdirSync(folder);
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await sleep(20);
    }
  }
}

/** With `cpuLater`, the group starts with no CPU limit: writing group.cpuLimit sets it. */
function makeGroup(version: 'v1' | 'v2', name: string, limits: Limits, cpuLater = false): Group {
  const quotaUs = Math.round(CPU_PERIOD_US * limits.cpuShare);
  const folders: string[] = [];
  const removeEmpty = () => {
    for (const folder of [...folders].reverse()) if (existsSync(folder)) rmdirSync(folder);
  };
  const group: Group = {
    procs: [],
    cpuLimit: { file: '', value: '' },
    remove: async () => {
      for (const folder of [...folders].reverse()) await removeFolder(folder);
    },
    removeEmpty,
  };
  try {
    if (version === 'v1') {
      const cpu = join(v1Folder('cpu')!, name);
      mkdirSync(cpu);
      folders.push(cpu);
      writeFileSync(join(cpu, 'cpu.cfs_period_us'), String(CPU_PERIOD_US));
      group.cpuLimit = { file: join(cpu, 'cpu.cfs_quota_us'), value: String(quotaUs) };
      writeFileSync(group.cpuLimit.file, cpuLater ? '-1' : group.cpuLimit.value);
      const memory = join(v1Folder('memory')!, name);
      mkdirSync(memory);
      folders.push(memory);
      writeFileSync(join(memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
      // Memory plus swap held to the same figure: no swapping past the limit (Lambda has no swap).
      if (existsSync(join(memory, 'memory.memsw.limit_in_bytes'))) writeFileSync(join(memory, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
      group.procs = [join(cpu, 'cgroup.procs'), join(memory, 'cgroup.procs')];
    } else {
      const root = v2Root()!;
      const enabled = readFileSync(join(root, 'cgroup.subtree_control'), 'utf8').split(/\s+/);
      const missing = ['cpu', 'memory'].filter((c) => !enabled.includes(c));
      if (missing.length) writeFileSync(join(root, 'cgroup.subtree_control'), missing.map((c) => `+${c}`).join(' '));
      const folder = join(root, name);
      mkdirSync(folder);
      folders.push(folder);
      group.cpuLimit = { file: join(folder, 'cpu.max'), value: `${quotaUs} ${CPU_PERIOD_US}` };
      writeFileSync(group.cpuLimit.file, cpuLater ? `max ${CPU_PERIOD_US}` : group.cpuLimit.value);
      writeFileSync(join(folder, 'memory.max'), String(limits.memoryBytes));
      if (existsSync(join(folder, 'memory.swap.max'))) writeFileSync(join(folder, 'memory.swap.max'), '0');
      group.procs = [join(folder, 'cgroup.procs')];
    }
    return group;
  } catch (error) {
    removeEmpty();
    throw error;
  }
}

export interface LimitedRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

// Joins every group named before `--`, then execs the rest: the pid written is the one node runs as.
const JOIN_THEN_EXEC = 'while [ "$1" != "--" ]; do echo $$ > "$1" || exit 97; shift; done; shift; exec "$@"';

/** With runLimited's `cpuAfterInit`, the child finds in this variable where to write its CPU limit: "<file>=<value>". */
export const CPU_LIMIT_VARIABLE = 'POLYFN_BENCH_CPU_LIMIT';

/**
 * Runs `command args` in a fresh group under `limits` and waits for it to exit, killing it after
 * `timeoutMs`; the group is removed afterwards, whatever happened. `name` tells the group apart (the
 * pid and the time are added). With `cpuAfterInit`, the memory limit holds from the start but the
 * CPU limit only once the child writes it (CPU_LIMIT_VARIABLE says how): after an init that runs
 * unlimited, as Lambda's is reported to (moving a running process into a group instead takes ~10 ms).
 */
export async function runLimited(
  version: 'v1' | 'v2',
  name: string,
  limits: Limits,
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  { cpuAfterInit = false }: { cpuAfterInit?: boolean } = {},
): Promise<LimitedRun> {
  const group = makeGroup(version, `polyfn-bench-${name}-${process.pid}-${Date.now()}`, limits, cpuAfterInit);
  try {
    const env = cpuAfterInit ? { ...process.env, [CPU_LIMIT_VARIABLE]: `${group.cpuLimit.file}=${group.cpuLimit.value}` } : process.env;
    const child = spawn('sh', ['-c', JOIN_THEN_EXEC, 'sh', ...group.procs, '--', command, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    return await new Promise<LimitedRun>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal }));
    }).finally(() => clearTimeout(timer));
  } finally {
    await group.remove();
  }
}
