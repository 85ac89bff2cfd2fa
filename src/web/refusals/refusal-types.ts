/**
 * Which refusals the web app can receive: every member of a result union (or other abstract
 * type) that implements `ErrorResult`, wherever the web's operations select a field of that type.
 * Pure, over the schema's SDL and the operations' text; the i18n test uses it so that a refusal
 * the web can receive without a text of its own breaks the build.
 */
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

const ERROR_INTERFACE = 'ErrorResult';

/** The operations' text in a source file: the template of every call of graphql (the codegen client preset). */
export function operationsIn(source: string): string[] {
  return [...source.matchAll(/graphql\(\s*`([\s\S]*?)`\s*\)/g)].map((m) => m[1]);
}

function refusalsOf(schema: GraphQLSchema, type: GraphQLNamedType): string[] {
  const isRefusal = (t: GraphQLNamedType) => isObjectType(t) && t.getInterfaces().some((i) => i.name === ERROR_INTERFACE);
  if (isAbstractType(type))
    return schema
      .getPossibleTypes(type)
      .filter(isRefusal)
      .map((t) => t.name);
  return isRefusal(type) ? [type.name] : [];
}

/** The refusal type names the operations can receive, sorted. */
export function refusalTypes(sdl: string | GraphQLSchema, operations: readonly string[]): string[] {
  const schema = typeof sdl === 'string' ? buildSchema(sdl) : sdl;
  const found = new Set<string>();
  for (const op of operations) {
    const typeInfo = new TypeInfo(schema);
    visit(
      parse(op),
      visitWithTypeInfo(typeInfo, {
        Field() {
          const type = typeInfo.getType();
          if (type) refusalsOf(schema, getNamedType(type)).forEach((name) => found.add(name));
        },
      }),
    );
  }
  return [...found].sort();
}

const isFragment = (d: { kind: Kind }): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION;

/**
 * The document with the fragments it spreads (and those they spread) appended from `fragments`:
 * an operation may spread a fragment defined in another graphql() call (the codegen client
 * preset joins them), and its selections are the operation's.
 */
function withFragments(document: DocumentNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): DocumentNode {
  const have = new Set(document.definitions.filter(isFragment).map((d) => d.name.value));
  const added: FragmentDefinitionNode[] = [];
  const spreadIn = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment || have.has(fragment.name.value)) return;
        have.add(fragment.name.value);
        added.push(fragment);
        spreadIn(fragment);
      },
    });
  spreadIn(document);
  return { ...document, definitions: [...document.definitions, ...added] };
}

/**
 * The fields each operation selects on each refusal it can receive (through `... on X` or
 * `... on ErrorResult`, also inside the fragments it spreads), by operation name then refusal
 * type: what a refusal's text can use.
 */
export function refusalSelections(sdl: string | GraphQLSchema, operations: readonly string[]): Map<string, Map<string, Set<string>>> {
  const schema = typeof sdl === 'string' ? buildSchema(sdl) : sdl;
  const byOperation = new Map<string, Map<string, Set<string>>>();
  const parsed = operations.map((op) => parse(op));
  const fragments = new Map(parsed.flatMap((d) => d.definitions.filter(isFragment)).map((f) => [f.name.value, f]));
  for (const [i, op] of operations.entries()) {
    const document = withFragments(parsed[i], fragments);
    const typeInfo = new TypeInfo(schema);
    const received = new Set<string>();
    const selected = new Map<string, Set<string>>();
    const on = (type: string) => selected.get(type) ?? selected.set(type, new Set()).get(type)!;
    const shared = new Set<string>();
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (parent?.name === ERROR_INTERFACE) shared.add(node.name.value);
          else if (parent) on(parent.name).add(node.name.value);
          const type = typeInfo.getType();
          if (type) refusalsOf(schema, getNamedType(type)).forEach((name) => received.add(name));
        },
      }),
    );
    const name = document.definitions.map((d) => ('name' in d ? d.name?.value : undefined)).find(Boolean) ?? op.slice(0, 40);
    byOperation.set(name, new Map([...received].map((type) => [type, new Set([...on(type), ...shared])])));
  }
  return byOperation;
}
