import { ASTVisitor, FieldNode, FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode, ValidationContext } from 'graphql';

/**
 * Refuses operations nested deeper than `max` fields or selecting more than `maxFields` fields
 * in all (a simple complexity bound), before anything is executed.
 */
export function depthAndSizeLimit(max: number, maxFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const measure = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>, count: { n: number }): number => {
      if (!set) return depth;
      let deepest = depth;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (!(sel as FieldNode).name.value.startsWith('__')) count.n++;
          deepest = Math.max(deepest, measure(sel.selectionSet, depth + 1, seen, count));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, measure(sel.selectionSet, depth, seen, count));
        else if (sel.kind === Kind.FRAGMENT_SPREAD && !seen.has(sel.name.value)) {
          const frag = fragments.get(sel.name.value);
          deepest = Math.max(deepest, measure(frag?.selectionSet, depth, new Set([...seen, sel.name.value]), count));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        // Introspection (tools, the sandbox) is deep by nature and bounded by the schema itself.
        if (node.selectionSet.selections.every((sel) => sel.kind === Kind.FIELD && sel.name.value.startsWith('__'))) return;
        const count = { n: 0 };
        const depth = measure(node.selectionSet, 0, new Set(), count);
        if (depth > max) context.reportError(new GraphQLError(`The query is nested ${depth} levels deep; at most ${max} are allowed`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
        if (count.n > maxFields) context.reportError(new GraphQLError(`The query selects ${count.n} fields; at most ${maxFields} are allowed`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
      },
    };
  };
}
