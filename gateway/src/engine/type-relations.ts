import { buildASTSchema, isAbstractType, parse, type GraphQLSchema } from 'graphql';

/**
 * Which types an object of a given `__typename` counts as, read once per supergraph: a fragment's
 * or a rewrite's `... on T` applies to an object whose typename is T or one of T's possible types.
 */
export class TypeRelations {
  private readonly possible = new Map<string, Set<string>>();

  constructor(schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (isAbstractType(type)) this.possible.set(type.name, new Set(schema.getPossibleTypes(type).map((member) => member.name)));
    }
  }

  /** The supergraph's relations (its interfaces include @interfaceObject types the API schema hides nothing of). */
  static ofSupergraph(supergraphSdl: string): TypeRelations {
    return new TypeRelations(buildASTSchema(parse(supergraphSdl), { assumeValid: true, assumeValidSDL: true }));
  }

  /** True when an object with this typename is a `condition`. */
  isA(typename: unknown, condition: string): boolean {
    return typename === condition || (typeof typename === 'string' && this.possible.get(condition)?.has(typename) === true);
  }
}
