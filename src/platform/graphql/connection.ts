import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { badInput } from '../errors/domain-error';

@ObjectType({ description: 'Where a page of a connection starts and ends (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' }) hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'How many items to return (1 to 100).' })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (a previous endCursor).' })
  @IsOptional()
  @IsString()
  after?: string;
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type named `${name}Connection` around node type T. */
export function ConnectionType<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.` })
  class Edge {
    @Field(() => node, { description: `The ${name}.` }) node: T;
    @Field({ description: 'Opaque cursor of this item.' }) cursor: string;
  }
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [Edge], { description: 'The items of this page.' }) edges: Edge[];
    @Field(() => PageInfo, { description: 'Paging information.' }) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many items there are in all.' }) totalCount: number;
  }
  return ConnectionClass;
}

/**
 * The largest offset a cursor may carry. Offsets go to SQL as OFFSET parameters (and to
 * Meilisearch), so an unbounded one ("o:99999999999999999999", 400 digits) failed there as an
 * internal error; no list is anywhere near this long, and search stops counting at 1000.
 */
export const MAX_CURSOR_OFFSET = 999_999_999;

/** Offset cursors: opaque to clients, stable for lists with a fixed order. */
export function decodeOffset(after?: string): number {
  if (!after) return 0;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  // At most nine digits, so the offset (plus one) stays far below 2^31.
  const m = /^o:(\d{1,9})$/.exec(text);
  if (!m) {
    const shown = after.length > 40 ? `${after.slice(0, 40)}…` : after;
    throw badInput(`after: "${shown}" is not a cursor from this list (pass a pageInfo.endCursor or an edge's cursor)`, { field: 'after' });
  }
  return Number(m[1]) + 1;
}
export const encodeOffset = (offset: number) => Buffer.from(`o:${offset}`, 'utf8').toString('base64url');

export function toConnection<T>(rows: T[], offset: number, first: number, totalCount: number): Connection<T> {
  const page = rows.slice(0, first);
  return {
    edges: page.map((node, i) => ({ node, cursor: encodeOffset(offset + i) })),
    pageInfo: { hasNextPage: offset + page.length < totalCount, endCursor: page.length ? encodeOffset(offset + page.length - 1) : null },
    totalCount,
  };
}
