// The machine a run measured: every output states it, since every figure depends on it.
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type as osType } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  arch: string;
  node: string;
  v8: string;
}

/** The distribution's name where the OS says it (Linux), else the kernel's. */
function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) return `${pretty[1]} (${osType()} ${release()})`;
  } catch {
    // no /etc/os-release: not Linux
  }
  return `${osType()} ${release()}`;
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: osName(),
    arch: process.arch,
    node: process.version,
    v8: process.versions.v8,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os} ${m.arch}; Node ${m.node} (V8 ${m.v8})`;
}
