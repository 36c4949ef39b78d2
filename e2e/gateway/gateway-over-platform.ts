import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SharedState } from '@shopgraph/cache';
import { createLogger } from '@shopgraph/logging';
import { composeSupergraph, readSubgraphSources } from '@shopgraph/schema';
import type { RunningService } from '@shopgraph/server';
import { TEST_GATEWAY_SECRET } from '@shopgraph/testing';
import { type TestPlatform } from '../support';
import { DEFAULT_SUPERGRAPH_PATH, startGateway, type GatewayRuntimeOptions, engineOptionsOf } from '@shopgraph/gateway';

/** Another gateway over the platform's subgraphs, with options of its own; stop it yourself. */
export function gatewayOver(platform: TestPlatform, options: Partial<GatewayRuntimeOptions> & { shared?: SharedState } = {}): Promise<RunningService> {
  return startGateway({
    port: 0,
    ...engineOptionsOf(process.env),
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url])),
    logger: createLogger('test', process.env.LOG_LEVEL ?? 'silent'),
    production: false,
    gatewaySecret: TEST_GATEWAY_SECRET,
    shared: platform.shared,
    ...options,
  });
}

/** A folder for supergraph files; `write` composes one routing each subgraph to the platform's, or to `urls`. */
export async function supergraphFolder(platform: TestPlatform) {
  const dir = await mkdtemp(join(tmpdir(), 'shopgraph-supergraph-'));
  return {
    write: async (file: string, urls: Record<string, string> = {}) => {
      const sources = readSubgraphSources().map((source) => ({ ...source, url: urls[source.name] ?? platform.subgraphs[source.name].url }));
      const path = join(dir, file);
      await writeFile(path, composeSupergraph(sources).supergraphSdl);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;
