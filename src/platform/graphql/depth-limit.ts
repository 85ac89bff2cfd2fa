import { ASTVisitor, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext } from 'graphql';
import { badInput } from '../errors/domain-error';

/** How deep an operation may nest fields and how many it may select, every fragment spread expanded. */
export interface SelectionLimits {
  depth: number;
  fields: number;
}

/** What a selection set asks for once every fragment spread in it is expanded. */
interface Measure {
  depth: number;
  /** Fields selected, `__typename` included; saturates instead of growing past what a double holds exactly. */
  fields: number;
  /** Whether any field in it has an alias. */
  aliased: boolean;
}

const NOTHING: Measure = { depth: 0, fields: 0, aliased: false };

/** Introspection's own root fields; an operation selecting only these is an introspection query. */
const isIntrospectionRoot = (name: string) => name === '__schema' || name === '__type' || name === '__typename';

/**
 * Refuses operations nested deeper than `limits.depth` fields or selecting more than
 * `limits.fields` fields in all (a simple complexity bound), before anything is executed.
 *
 * Each fragment is measured once and its measure reused at every spread: a document of n
 * fragments each spreading the next twice stands for 2^n fields, and walking it spread by
 * spread took half a minute at n = 24 (a "fragment bomb"). Measured once per fragment, it is
 * refused in linear time. A fragment met again while it is still being measured is a cycle,
 * which graphql's NoFragmentCyclesRule reports; here it counts as empty, so nothing loops.
 *
 * Introspection operations (GraphiQL, code generators) nest deeper than any Torg query
 * and get their own `introspectionLimits`, and may not use aliases: an alias is the way to
 * ask for the same (large) schema description many times in one operation.
 */
export function depthAndSizeLimit(limits: SelectionLimits, introspectionLimits: SelectionLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    /** Per fragment: its measure, or 'measuring' while its own selections are being measured. */
    const measured = new Map<string, Measure | 'measuring'>();

    const measureFragment = (name: string): Measure => {
      const known = measured.get(name);
      if (known === 'measuring') return NOTHING; // a cycle: NoFragmentCyclesRule reports it
      if (known) return known;
      const fragment = fragments.get(name);
      if (!fragment) return NOTHING; // KnownFragmentNamesRule reports it
      measured.set(name, 'measuring');
      const measure = measureSet(fragment.selectionSet);
      measured.set(name, measure);
      return measure;
    };

    const measureSet = (set: SelectionSetNode): Measure => {
      let depth = 0;
      let fields = 0;
      let aliased = false;
      for (const sel of set.selections) {
        let inner: Measure;
        if (sel.kind === Kind.FIELD) {
          const below = sel.selectionSet ? measureSet(sel.selectionSet) : NOTHING;
          inner = { depth: below.depth + 1, fields: below.fields + 1, aliased: below.aliased || sel.alias !== undefined };
        } else if (sel.kind === Kind.INLINE_FRAGMENT) inner = measureSet(sel.selectionSet);
        else inner = measureFragment(sel.name.value);
        depth = Math.max(depth, inner.depth);
        fields = Math.min(fields + inner.fields, Number.MAX_SAFE_INTEGER);
        aliased ||= inner.aliased;
      }
      return { depth, fields, aliased };
    };

    // Apollo reports validation errors as GRAPHQL_VALIDATION_FAILED; the coded original makes it BAD_USER_INPUT, as for every other refused input.
    const refuse = (node: OperationDefinitionNode, message: string) => context.reportError(new GraphQLError(message, { nodes: [node], originalError: badInput(message) }));

    return {
      OperationDefinition(node) {
        const introspection = node.selectionSet.selections.every((sel) => sel.kind === Kind.FIELD && isIntrospectionRoot(sel.name.value));
        const { depth, fields, aliased } = measureSet(node.selectionSet);
        const max = introspection ? introspectionLimits : limits;
        const what = introspection ? 'The introspection query' : 'The query';
        if (introspection && aliased) refuse(node, 'An introspection query may not use aliases');
        if (depth > max.depth) refuse(node, `${what} is nested ${depth} levels deep; at most ${max.depth} are allowed`);
        if (fields > max.fields) refuse(node, `${what} selects ${fields} fields (fragments expanded); at most ${max.fields} are allowed`);
        return false; // measured whole: nothing below needs visiting by this rule
      },
    };
  };
}
