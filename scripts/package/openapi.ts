// The contract's OpenAPI documents beside the artifacts, for the tools that import one:
//   dist/openapi.json      OpenAPI 3.1, what GET /api/openapi.json serves
//   dist/openapi-3.0.json  the same contract in OpenAPI 3.0.3: API Gateway imports 3.0 and not 3.1,
//                          and Azure API Management imports 3.1 only partly
import '../../src/runtime/node.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApi30, openApiDocument } from '../../src/contract/openapi.ts';
import { routes } from '../../src/contract/routes.ts';
import { root } from '../bundle.ts';
import type { Artifact } from './artifact.ts';

export const OPENAPI_DOCUMENTS = { '3.1': 'dist/openapi.json', '3.0': 'dist/openapi-3.0.json' } as const;

export async function packageOpenApi(): Promise<Artifact[]> {
  const document = openApiDocument(routes);
  await mkdir(join(root, 'dist'), { recursive: true });
  const written = [
    [OPENAPI_DOCUMENTS['3.1'], document],
    [OPENAPI_DOCUMENTS['3.0'], openApi30(document)],
  ] as const;
  return Promise.all(
    written.map(async ([path, content]) => {
      const text = `${JSON.stringify(content, null, 2)}\n`;
      await writeFile(join(root, path), text);
      return { path, bytes: Buffer.byteLength(text), files: [path.slice('dist/'.length)], runtimeDependencies: {} };
    }),
  );
}
