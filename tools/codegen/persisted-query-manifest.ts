import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Kind, print, type DocumentNode } from 'graphql';
import * as operations from '../../packages/operations/src/__generated__/operations';
import * as storefront from '../../examples/storefront/src/__generated__/graphql';

// The gateway reads it (TRUSTED_DOCUMENTS_MANIFEST); it lives beside the operations' generated types.
export const MANIFEST_PATH = join(__dirname, '..', '..', 'packages', 'operations', 'src', '__generated__', 'persisted-query-manifest.json');

/**
 * Apollo's persisted query manifest of every client operation (@shopgraph/operations' and the example
 * storefront's, whose generated documents carry the __typename fields Apollo Client adds): the id is the SHA-256 of exactly
 * the text a client sends (`print` of the generated document, as `execute` sends it), so the
 * gateway's trusted-documents mode and APQ hashes agree with it.
 */
export function buildManifest(): {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
} {
  const documents = [...Object.values(operations), ...Object.values(storefront)].filter(
    (value): value is DocumentNode => typeof value === 'object' && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT,
  );
  const entries = documents.flatMap((document) => {
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || !operation.name) return [];
    const body = print(document);
    return [{ id: createHash('sha256').update(body).digest('hex'), name: operation.name.value, type: operation.operation, body }];
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: entries.sort((a, b) => a.name.localeCompare(b.name)) };
}

// `npm run codegen` runs this after the operation types are generated.
if (require.main === module) {
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(buildManifest(), null, 2)}\n`);
  process.stdout.write(`wrote ${relative(process.cwd(), MANIFEST_PATH)}\n`);
}
