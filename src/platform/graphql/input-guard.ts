import type { ApolloServerPlugin } from '@apollo/server';
import { ASTNode, DocumentNode, getVariableValues, GraphQLError, Kind, visit } from 'graphql';
import { badInput, DomainError } from '../errors/domain-error';

/**
 * Where the first NUL character (U+0000) hides in a JSON value: a path such as `input.text` or
 * `ids[2]`, or null when there is none. Walked with a stack of its own, so a deeply nested value
 * cannot overflow the call stack.
 */
export function findNul(value: unknown, path: string): string | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\0')) return p;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${p}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        if (key.includes('\0')) return `${p}.${JSON.stringify(key)}`;
        stack.push([child, `${p}.${key}`]);
      }
    }
  }
  return null;
}

/** The argument path (`input.attributes.name`) of the first string literal in the document holding a NUL, or null. */
export function findNulLiteral(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (found !== null || !node.value.includes('\0')) return;
      // `ancestors` ends above `parent`.
      const names = ([...ancestors, parent] as (ASTNode | readonly ASTNode[] | undefined)[])
        .filter((a): a is ASTNode => !!a && !Array.isArray(a) && 'kind' in (a as ASTNode))
        .flatMap((a) => (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD ? [a.name.value] : a.kind === Kind.VARIABLE_DEFINITION ? [`$${a.variable.name.value}`] : []));
      found = names.join('.') || 'a string in the query';
    },
  });
  return found;
}

/** A bad-input refusal Apollo answers with 400 before running anything, keeping our code and details. */
function refusal(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
}

/**
 * Checks what a request brings before any resolver (or another plugin) uses it, so no resolver
 * can forget:
 * - PostgreSQL refuses the NUL character in text, and a search, a filter or an anonymous devLogin
 *   holding one failed as an internal error. Every string, in the variables and in the query's
 *   literals, is refused with BAD_USER_INPUT naming where it was.
 * - Variables that do not fit their types (an Int of 2^31 or more), and an operationName that
 *   names no operation, are refused here: the cost estimate reads both, and its failures were
 *   reported as internal errors.
 * Place it before other plugins with a didResolveOperation hook: when several refuse, Apollo
 * answers with the first listed.
 */
export function inputGuard(): ApolloServerPlugin {
  const literalNul = new WeakMap<DocumentNode, string | null>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) {
            // Apollo gets here with no operation when operationName matches none (the cost estimate then failed).
            const name = String(request.operationName ?? '').slice(0, 100);
            throw refusal(
              badInput(request.operationName ? `operationName "${name}" names no operation in the query` : 'The query holds several operations: name the one to run in operationName', {
                field: 'operationName',
              }),
            );
          }
          if (!literalNul.has(document)) literalNul.set(document, findNulLiteral(document));
          const inLiteral = literalNul.get(document);
          if (inLiteral) throw refusal(badInput(`${inLiteral} contains a NUL character (\\u0000), which text in Torg may not hold`, { field: inLiteral }));
          const nulAt = findNul(request.variables ?? {}, '$');
          if (nulAt !== null) {
            const inVariable = nulAt.replace(/^\$\./, '$');
            throw refusal(badInput(`${inVariable} contains a NUL character (\\u0000), which text in Torg may not hold`, { field: inVariable }));
          }
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
          if (coerced.errors?.length) throw refusal(badInput(coerced.errors[0].message));
        },
      };
    },
  };
}
