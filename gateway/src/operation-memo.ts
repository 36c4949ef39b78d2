import { Kind, print, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Apollo Server parses and validates each operation text once and hands every later request the
 * same DocumentNode from its document cache (bounded, and replaced on a schema reload). What the
 * plugins derive from a document alone is kept beside it in WeakMaps, so it goes when the document
 * does and needs no size limit of its own.
 */
const fragmentsByDocument = new WeakMap<DocumentNode, Record<string, FragmentDefinitionNode>>();

/** The document's fragments by name, built once per cached document. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  let fragments = fragmentsByDocument.get(document);
  if (!fragments) {
    fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    fragmentsByDocument.set(document, fragments);
  }
  return fragments;
}

const printedByDocument = new WeakMap<DocumentNode, string>();

/** The document as `print` writes it (no comments, canonical spacing), printed once per document. */
export function printedOf(document: DocumentNode): string {
  let printed = printedByDocument.get(document);
  if (printed === undefined) {
    printed = print(document);
    printedByDocument.set(document, printed);
  }
  return printed;
}

/** Records what a document prints as, when it is known from another parse of the same text. */
export function rememberPrinted(document: DocumentNode, printed: string): void {
  printedByDocument.set(document, printed);
}

/**
 * A small LRU per object (an operation node): results that also depend on a few inputs (variables,
 * the viewer's roles) are kept under a string key, at most `limit` per object.
 */
export class PerNodeMemo<TNode extends object, TValue extends NonNullable<unknown>> {
  private readonly entries = new WeakMap<TNode, LRUCache<string, TValue>>();

  constructor(private readonly limit: number) {}

  get(node: TNode, key: string, compute: () => TValue): TValue {
    let byKey = this.entries.get(node);
    if (!byKey) {
      byKey = new LRUCache({ max: this.limit });
      this.entries.set(node, byKey);
    }
    let value = byKey.get(key);
    if (value === undefined) {
      value = compute();
      byKey.set(key, value);
    }
    return value;
  }
}
