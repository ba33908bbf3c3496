// What each platform's package step (scripts/package/<platform>.ts) returns to `npm run package`.
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
