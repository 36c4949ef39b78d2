import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { statelessPlugin } from '@shopgraph/server';
import { parse, print, printSchema, type DocumentNode, type GraphQLSchema, type ParseOptions } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../observability/metrics';
import { rememberPrinted } from '../operation-memo';

/**
 * How much operation text the caches below hold, in characters of source. A parsed document is
 * some 20-40 times its source as objects, so this is about Apollo Server's default 30 MB store.
 */
const CACHED_SOURCE_CHARACTERS = 1_000_000;

const sourceLength = (document: DocumentNode) => (document.loc ? document.loc.end - document.loc.start : 1_000);

/**
 * Apollo Server's document store, bounded by the length of the operation texts: its default
 * `InMemoryLRUCache` measures each new document by serialising it to JSON (2.6% of the gateway's
 * CPU when every request brings a new text).
 */
class DocumentStore implements KeyValueCache<DocumentNode> {
  private readonly documents = new LRUCache<string, DocumentNode>({ maxSize: CACHED_SOURCE_CHARACTERS, sizeCalculation: sourceLength });

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.documents.get(key);
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    this.documents.set(key, document);
  }

  async delete(key: string): Promise<boolean> {
    return this.documents.delete(key);
  }

  has(key: string): boolean {
    return this.documents.has(key);
  }
}

export interface OperationDocuments {
  /** For ApolloServer's `documentStore`. */
  store: KeyValueCache<DocumentNode>;
  plugin: ApolloServerPlugin<GatewayContext>;
}

/**
 * Apollo Server keeps a parsed and validated document per operation *text* (the SHA-256 of the raw
 * query). The same operation with another comment, other spacing or another client's formatting is
 * a new text: parsed, validated (a fifth of the CPU of such a request) and measured again. This
 * keeps validated documents by their printed form as well, which drops comments and spacing and
 * nothing else: a new text that prints as a known, valid operation is handed Apollo Server's
 * pipeline as that operation's document, already parsed and validated, so the plugins' per-document
 * work (cost, limits, authorization, the plan key) is found beside it too.
 *
 * Validity depends on the schema, so both caches are keyed under the schema's hash, as Apollo
 * Server keys its store (`sha256(printSchema(schema)) + ':'`): a supergraph reload validates again.
 * `shopgraph_operation_documents_total` counts each text by what it took: `cached` (this text
 * before), `normalised` (a known operation in a new text) or `parsed` (parsed and validated).
 */
export function operationDocuments(parseOptions: ParseOptions, metrics: GatewayMetrics): OperationDocuments {
  const store = new DocumentStore();
  const validated = new LRUCache<string, DocumentNode>({ maxSize: CACHED_SOURCE_CHARACTERS, sizeCalculation: (_, key) => key.length });
  const schemaPrefixes = new WeakMap<GraphQLSchema, string>();
  const prefixOf = (schema: GraphQLSchema) => {
    let prefix = schemaPrefixes.get(schema);
    if (prefix === undefined) {
      prefix = `${createHash('sha256').update(printSchema(schema)).digest('hex')}:`;
      schemaPrefixes.set(schema, prefix);
    }
    return prefix;
  };
  // The printed text of a request whose source was parsed here, for when Apollo Server has validated it.
  const printedByRequest = new WeakMap<object, string>();
  // Counted on every request: each result's series is found once, not by its labels per request.
  const counted = {
    cached: metrics.operationDocuments.labels({ result: 'cached' }),
    normalised: metrics.operationDocuments.labels({ result: 'normalised' }),
    parsed: metrics.operationDocuments.labels({ result: 'parsed' }),
  };

  const plugin = statelessPlugin<GatewayContext>({
    async didResolveSource({ schema, queryHash, source, request }) {
      const prefix = prefixOf(schema);
      const key = prefix + queryHash;
      if (store.has(key)) {
        counted.cached.inc();
        return;
      }
      let printed: string;
      try {
        printed = print(parse(source, parseOptions));
      } catch {
        // A syntax error, or too many tokens: Apollo Server parses it again and says so.
        counted.parsed.inc();
        return;
      }
      const known = validated.get(prefix + printed);
      if (known) {
        await store.set(key, known);
        counted.normalised.inc();
        return;
      }
      printedByRequest.set(request, printed);
      counted.parsed.inc();
    },
    async validationDidStart({ schema, request, document }) {
      return async (errors) => {
        const printed = printedByRequest.get(request);
        if (errors?.length || printed === undefined) return;
        // Apollo Server's own parse of the same text, which prints the same: the plan key reuses it.
        rememberPrinted(document, printed);
        validated.set(prefixOf(schema) + printed, document);
      };
    },
  });
  return { store, plugin };
}
