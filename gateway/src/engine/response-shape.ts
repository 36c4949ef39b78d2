import {
  GraphQLError,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * What the client asked for, compiled once per operation (and per value of the variables its
 * @skip/@include read): for each object type a selection can meet, the fields to write in order,
 * each with its type's shape. The merged subgraph answers are then copied into the response by
 * walking this, not by running graphql-js's execution over them.
 */
export type ShapeType =
  | { kind: 'nonNull'; of: ShapeType }
  | { kind: 'list'; of: ShapeType }
  | { kind: 'leaf'; accepts: (value: unknown) => boolean }
  | { kind: 'object'; selection: ShapeSelection };

export interface ShapeField {
  responseName: string;
  /** `Type.field`, for error messages. */
  coordinate: string;
  /** `__typename`: written from the object's type, not read. */
  typename: boolean;
  /** Introspection at the root: its value is computed apart and copied as it is. */
  raw: boolean;
  type?: ShapeType;
}

export interface Shape {
  root: ShapeSelection;
  /** The root fields `__schema` and `__type`, answered by graphql-js over the API schema. */
  introspection: FieldNode[];
}

export class ShapeSelection {
  private readonly byType = new Map<string, ShapeField[]>();

  constructor(
    private readonly compiler: ShapeCompiler,
    readonly parentType: GraphQLCompositeType,
    private readonly selectionSets: readonly SelectionSetNode[],
  ) {}

  /** The fields for an object of this runtime type (compiled on first use). */
  fieldsFor(type: GraphQLCompositeType): ShapeField[] {
    let fields = this.byType.get(type.name);
    if (!fields) {
      fields = this.compiler.fieldsOf(type, this.selectionSets);
      this.byType.set(type.name, fields);
    }
    return fields;
  }
}

const SCALAR_CHECKS: Record<string, (value: unknown) => boolean> = {
  Int: (value) => Number.isInteger(value),
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
  String: (value) => typeof value === 'string',
  Boolean: (value) => typeof value === 'boolean',
  ID: (value) => typeof value === 'string' || Number.isInteger(value),
};
const ANY_VALUE = () => true;

export class ShapeCompiler {
  readonly introspection: FieldNode[] = [];

  constructor(
    readonly schema: GraphQLSchema,
    private readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {}

  selection(parentType: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[]): ShapeSelection {
    return new ShapeSelection(this, parentType, selectionSets);
  }

  fieldsOf(type: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[]): ShapeField[] {
    const grouped = new Map<string, FieldNode[]>();
    for (const set of selectionSets) this.collect(type, set, grouped);
    const fields: ShapeField[] = [];
    for (const [responseName, nodes] of grouped) {
      const name = nodes[0]!.name.value;
      const coordinate = `${type.name}.${name}`;
      if (name === '__typename') fields.push({ responseName, coordinate, typename: true, raw: false });
      else if (name === '__schema' || name === '__type') {
        this.introspection.push(...nodes);
        fields.push({ responseName, coordinate, typename: false, raw: true });
      } else {
        // A union has no fields of its own (only __typename, above); its members' come by fragments.
        const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (!definition) continue;
        const sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
        fields.push({ responseName, coordinate, typename: false, raw: false, type: this.shapeOf(definition.type, sets) });
      }
    }
    return fields;
  }

  private shapeOf(type: GraphQLOutputType, sets: readonly SelectionSetNode[]): ShapeType {
    if (isNonNullType(type)) return { kind: 'nonNull', of: this.shapeOf(type.ofType, sets) };
    if (isListType(type)) return { kind: 'list', of: this.shapeOf(type.ofType, sets) };
    const named = getNamedType(type);
    if (isEnumType(named)) {
      const values = new Set(named.getValues().map((value) => value.name));
      return { kind: 'leaf', accepts: (value) => typeof value === 'string' && values.has(value) };
    }
    if (isObjectType(named) || isAbstractType(named)) return { kind: 'object', selection: this.selection(named, sets) };
    return { kind: 'leaf', accepts: SCALAR_CHECKS[named.name] ?? ANY_VALUE };
  }

  /** graphql-js's CollectFields for one runtime type, with @skip/@include already decided. */
  private collect(type: GraphQLCompositeType, set: SelectionSetNode, into: Map<string, FieldNode[]>): void {
    for (const selection of set.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const responseName = selection.alias?.value ?? selection.name.value;
        const existing = into.get(responseName);
        if (existing) existing.push(selection);
        else into.set(responseName, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || this.applies(selection.typeCondition.name.value, type)) this.collect(type, selection.selectionSet, into);
      } else {
        const fragment = this.fragments[selection.name.value];
        if (fragment && this.applies(fragment.typeCondition.name.value, type)) this.collect(type, fragment.selectionSet, into);
      }
    }
  }

  private applies(condition: string, type: GraphQLCompositeType): boolean {
    if (condition === type.name) return true;
    const conditionType = this.schema.getType(condition);
    return !!conditionType && isAbstractType(conditionType) && isObjectType(type) && this.schema.isSubType(conditionType, type);
  }

  private included(node: { directives?: readonly { name: { value: string }; arguments?: readonly { value: unknown }[] }[] }): boolean {
    for (const directive of node.directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const value = this.conditionValue(directive.arguments?.[0]?.value);
      if (name === 'skip' ? value : !value) return false;
    }
    return true;
  }

  private conditionValue(value: unknown): boolean {
    const node = value as { kind: string; value?: boolean; name?: { value: string } } | undefined;
    if (node?.kind === Kind.BOOLEAN) return node.value === true;
    if (node?.kind === Kind.VARIABLE) return this.variables[node.name!.value] === true;
    return false;
  }
}

/** A document's fragment definitions by name, as the shape compiler reads them. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/** The key of a compiled shape: the value of each @skip/@include variable (`conditionVariables`), in order. */
export function conditionKey(conditions: readonly string[], variables: Record<string, unknown>): string {
  return conditions.map((name) => (variables[name] === true ? '1' : '0')).join('');
}

/** The variables an operation's @skip/@include read: compiled shapes are cached per their values. */
export function conditionVariables(selectionSets: readonly SelectionSetNode[], fragments: Readonly<Record<string, FragmentDefinitionNode>>): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      for (const directive of selection.directives ?? []) {
        if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
        const argument = directive.arguments?.[0]?.value;
        if (argument?.kind === Kind.VARIABLE) names.add(argument.name.value);
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          visit(fragment.selectionSet);
        }
      } else if (selection.selectionSet) visit(selection.selectionSet);
    }
  };
  selectionSets.forEach(visit);
  return [...names].sort();
}

/** Marks "my parent must be null": a non-null field or item had nothing to show. */
const BUBBLE = Symbol('bubble');
/** A null that already carries its error: a non-null parent bubbles on without a second error. */
const NULL_WITH_ERROR = Symbol('null with error');

/**
 * Writes the client's response from the merged subgraph answers, as the spec completes values: a
 * missing or null non-null field nulls its nearest nullable parent (or the whole data) with one
 * error at its path; a value of the wrong kind (an enum value the API hides, a string for an Int)
 * is null with an error; `__typename` is the object's type.
 */
export class ResponseWriter {
  readonly errors: GraphQLError[] = [];
  private readonly path: (string | number)[] = [];

  constructor(private readonly schema: GraphQLSchema) {}

  root(input: Record<string, unknown>, selection: ShapeSelection): Record<string, unknown> | null {
    const written = this.object(input, selection);
    return written === BUBBLE ? null : written;
  }

  private object(input: Record<string, unknown>, selection: ShapeSelection): Record<string, unknown> | typeof BUBBLE {
    let type: GraphQLCompositeType = selection.parentType;
    const typename = input.__typename;
    if (typeof typename === 'string' && typename !== type.name) {
      const named = this.schema.getType(typename);
      if (!named || !(isObjectType(named) || isAbstractType(named))) {
        this.fail(`Invalid __typename found for object at ${this.describe()}.`);
        return BUBBLE;
      }
      type = named;
    }
    const output: Record<string, unknown> = {};
    for (const field of selection.fieldsFor(type)) {
      if (field.typename) {
        if (!isObjectType(type)) return BUBBLE;
        output[field.responseName] = type.name;
        continue;
      }
      const value = Object.hasOwn(input, field.responseName) ? input[field.responseName] : undefined;
      if (field.raw) {
        output[field.responseName] = value ?? null;
        continue;
      }
      this.path.push(field.responseName);
      const written = this.value(value, field.type!, field.coordinate);
      this.path.pop();
      if (written === BUBBLE) return BUBBLE;
      output[field.responseName] = written === NULL_WITH_ERROR ? null : written;
    }
    return output;
  }

  private value(value: unknown, shape: ShapeType, coordinate: string): unknown {
    if (shape.kind === 'nonNull') {
      const inner = this.value(value, shape.of, coordinate);
      if (inner === NULL_WITH_ERROR) return BUBBLE;
      if (inner === null) {
        const last = this.path[this.path.length - 1];
        this.fail(
          typeof last === 'number'
            ? `Cannot return null for non-nullable array element at index ${last} of ${coordinate}.`
            : `Cannot return null for non-nullable field ${coordinate}.`,
        );
        return BUBBLE;
      }
      return inner;
    }
    if (value === null || value === undefined) return null;
    if (shape.kind === 'leaf') {
      if (shape.accepts(value)) return value;
      this.fail(`Invalid value found for field ${coordinate}.`);
      return NULL_WITH_ERROR;
    }
    if (shape.kind === 'list') {
      if (!Array.isArray(value)) {
        this.fail(`Invalid non-list value found for field ${coordinate}.`);
        return NULL_WITH_ERROR;
      }
      const items = new Array<unknown>(value.length);
      for (let index = 0; index < value.length; index += 1) {
        this.path.push(index);
        const item = this.value(value[index], shape.of, coordinate);
        this.path.pop();
        if (item === BUBBLE) return NULL_WITH_ERROR;
        items[index] = item === NULL_WITH_ERROR ? null : item;
      }
      return items;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(`Invalid non-object value found for field ${coordinate}.`);
      return NULL_WITH_ERROR;
    }
    const written = this.object(value as Record<string, unknown>, shape.selection);
    return written === BUBBLE ? NULL_WITH_ERROR : written;
  }

  private describe(): string {
    return this.path.length ? this.path.join('.') : 'the root';
  }

  private fail(message: string): void {
    this.errors.push(new GraphQLError(message, { path: [...this.path], extensions: { code: 'INVALID_GRAPHQL' } }));
  }
}
