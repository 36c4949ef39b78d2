import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/** What a field (or a whole type) demands of the viewer. */
export interface AccessRequirement {
  authenticated: boolean;
  /** Any one of these sets of scopes (roles) suffices; each set needs all of its scopes. */
  scopes: string[][];
}

export type AccessRequirements = Map<string, AccessRequirement>;

const SECURITY_LINK = /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"), for: SECURITY\)/g;

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined): AccessRequirement | null {
  let authenticated = false;
  const scopes: string[][] = [];
  for (const directive of directives ?? []) {
    if (directive.name.value === 'authenticated') authenticated = true;
    if (directive.name.value === 'requiresScopes') {
      const argument = directive.arguments?.find((arg) => arg.name.value === 'scopes');
      if (argument?.value.kind === Kind.LIST) {
        for (const group of argument.value.values) {
          if (group.kind === Kind.LIST) scopes.push(group.values.flatMap((scope) => (scope.kind === Kind.STRING ? [scope.value] : [])));
        }
      }
    }
  }
  return authenticated || scopes.length > 0 ? { authenticated: authenticated || scopes.length > 0, scopes } : null;
}

/** `Type.field` (and `Type` for type-level directives) → requirement, read from the supergraph. */
export function readAccessRequirements(supergraphSdl: string): AccessRequirements {
  const requirements: AccessRequirements = new Map();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeRequirement = requirementOf(definition.directives);
    if (typeRequirement) requirements.set(definition.name.value, typeRequirement);
    for (const field of definition.fields ?? []) {
      const requirement = requirementOf(field.directives);
      if (requirement) requirements.set(`${definition.name.value}.${field.name.value}`, requirement);
    }
  }
  return requirements;
}

/**
 * @apollo/gateway refuses supergraphs with SECURITY features it does not enforce. Ours enforces
 * @authenticated and @requiresScopes before planning (plugins/authorization.ts), so it hands the
 * planner the supergraph with those two links no longer marked as SECURITY.
 */
export function supergraphForPlanner(supergraphSdl: string): string {
  return supergraphSdl.replace(SECURITY_LINK, '$1)');
}
