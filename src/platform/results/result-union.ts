import { Type } from '@nestjs/common';
import { createUnionType } from '@nestjs/graphql';
import { ErrorResult } from './error-result';

/**
 * Declares a GraphQL result union: one success type and the ErrorResult types a step may
 * return. Services declare `Promise<X | SomeError>` and resolvers return that unchanged; the
 * union tells the members apart by
 *   1. a `__typename` on the value (for plain objects),
 *   2. the class of the value (every error type, and a success type that is a class instance),
 *   3. otherwise the value is the success: the one member that is no ErrorResult (so a TypeORM
 *      entity or a plain object can stand for the GraphQL success type).
 */
export function resultUnion<T extends readonly Type<unknown>[]>(options: { name: string; description: string; types: () => T }) {
  return createUnionType({
    name: options.name,
    description: options.description,
    types: options.types,
    resolveType: (value: unknown) => resolveMember(options.name, options.types(), value),
  });
}

/** The member type of `union` that `value` is (pure: exported for tests). */
export function resolveMember(union: string, members: readonly Type<unknown>[], value: unknown): Type<unknown> | string {
  if (value === null || typeof value !== 'object') throw new Error(`${union}: cannot resolve ${value === null ? 'null' : typeof value}`);
  // GraphQL itself refuses a __typename that is not a member.
  const typename = (value as { __typename?: unknown }).__typename;
  if (typeof typename === 'string') return typename;
  const byClass = members.find((m) => value.constructor === m) ?? members.find((m) => value instanceof m);
  if (byClass) return byClass;
  if (value instanceof ErrorResult) throw new Error(`${union}: ${value.constructor.name} is an ErrorResult but not a member of the union`);
  const successes = members.filter((m) => !(m.prototype instanceof ErrorResult));
  if (successes.length !== 1) throw new Error(`${union}: a plain value needs a __typename when the union has ${successes.length} success types`);
  return successes[0];
}
