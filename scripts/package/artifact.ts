// What each platform's package step (scripts/package/<platform>.ts) returns to `npm run package`,
// how a folder artifact's files and size are found, and how a size is written (the benchmark's
// footprint uses all three).
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { root } from '../bundle.ts';

export interface Artifact {
  /** Path under the repo root, e.g. 'dist/lambda.zip' or 'dist/openfaas/'. */
  path: string;
  /** Size on disk in bytes (a folder: the sum of its files). */
  bytes: number;
  /** The files a deployed bundle contains, relative to the artifact (listed by the package step). */
  files: string[];
  /** Runtime dependencies the artifact carries besides Node itself, each with the reason. */
  runtimeDependencies: Record<string, string>;
}

/** Every file under `folder` (paths relative to it, sorted) and the sum of their sizes. */
export async function folderContents(folder: string): Promise<{ files: string[]; bytes: number }> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath, entry.name)));
  const sizes = await Promise.all(files.map(async (file) => (await stat(join(folder, file))).size));
  return { files: files.sort(), bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

/** A size as `npm run package` and the benchmark write it: B, KiB or MiB. */
export function formatBytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KiB`;
  return `${(count / 1024 / 1024).toFixed(2)} MiB`;
}

/** A folder artifact under the repo root ('dist/bun'), as it is on disk, with its runtime dependencies. */
export async function folderArtifact(path: string, runtimeDependencies: Record<string, string>): Promise<Artifact> {
  return { path: `${path}/`, ...(await folderContents(join(root, path))), runtimeDependencies };
}
