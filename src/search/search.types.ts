import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import Decimal from 'decimal.js';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import GraphQLJSON from '../platform/graphql/json.scalar';
import { PageInfo } from '../platform/graphql/connection';

export enum SearchSortEnum {
  RELEVANCE = 'RELEVANCE',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
}
registerEnumType(SearchSortEnum, { name: 'SearchSort', description: 'RELEVANCE ranks mandatory-agreement items first, then the best matches; or by price.' });

@InputType({ description: 'Filter on one attribute: the item must have one of the values.' })
export class AttributeFilter {
  @Field({ description: 'Attribute name, e.g. "ecolabel".' }) @IsString() @MaxLength(100) name: string;
  @Field(() => [String], { description: 'Accepted values.' }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) values: string[];
}

@InputType({ description: 'A product search. Only items the caller’s organisation may buy are ever returned.' })
export class ProductSearchInput {
  @Field({ nullable: true, description: 'Free text; typos and parts of compound words are tolerated ("kopipapri", "stol").' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;
  @Field(() => [String], { nullable: true, description: 'UNSPSC codes at any level (segment, family, class or commodity).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^\d{8}$/, { each: true, message: 'each unspsc filter must be an 8-digit UNSPSC code' })
  unspsc?: string[];
  @Field(() => [Int], { nullable: true, description: 'Only these suppliers.' }) @IsOptional() @ArrayMaxSize(100) @IsInt({ each: true }) supplierIds?: number[];
  @Field(() => [Int], { nullable: true, description: 'Only these agreements.' }) @IsOptional() @ArrayMaxSize(100) @IsInt({ each: true }) agreementIds?: number[];
  @Field({ nullable: true, description: 'Lowest unit price (decimal string).' })
  @IsOptional()
  @Matches(/^\d+(\.\d+)?$/, { message: 'priceMin must be a decimal such as 10 or 10.50' })
  priceMin?: string;
  @Field({ nullable: true, description: 'Highest unit price (decimal string).' })
  @IsOptional()
  @Matches(/^\d+(\.\d+)?$/, { message: 'priceMax must be a decimal such as 10 or 10.50' })
  priceMax?: string;
  @Field(() => [AttributeFilter], { nullable: true, description: 'Attribute filters, e.g. ecolabel = Svanemerket.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttributeFilter)
  attributes?: AttributeFilter[];
  @Field({
    nullable: true,
    description:
      'Among equally good matches (same words matched, as well, in the same fields; after the mandatory agreement), put eco-labelled items (an ecolabel / miljømerke attribute: Svanemerket, EU Ecolabel, TCO Certified, …) first. Never lifts a weaker match above a better one. RELEVANCE order only.',
  })
  @IsOptional()
  @IsBoolean()
  preferEcoLabelled?: boolean;
  @Field(() => SearchSortEnum, { defaultValue: SearchSortEnum.RELEVANCE, description: 'Order of the results.' }) @IsEnum(SearchSortEnum) sort: SearchSortEnum;
  @Field(() => Int, { defaultValue: 20, description: 'Page size (1–100).' }) @IsInt() @Min(1) @Max(100) first: number;
  @Field({ nullable: true, description: 'Cursor from a previous page’s pageInfo.endCursor.' }) @IsOptional() @IsString() after?: string;
}

@ObjectType({ description: 'An item found by search.' })
export class ProductHit {
  @Field({ description: 'Catalogue item id.' }) itemId: string;
  @Field(() => Int, { description: 'The agreement the item is sold under.' }) agreementId: number;
  @Field(() => Int, { description: 'The supplier.' }) supplierId: number;
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Name.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Description.' }) description: string | null;
  @Field({ description: 'UNSPSC code.' }) unspscCode: string;
  @Field(() => Decimal, { description: 'Agreed unit price excluding VAT.' }) price: string;
  @Field({ description: 'ISO 4217 currency.' }) currency: string;
  @Field(() => Decimal, { description: 'VAT rate in percent.' }) vatRate: string;
  @Field({ description: 'UN/ECE Rec 20 unit.' }) unitCode: string;
  @Field(() => String, { nullable: true, description: 'GTIN.' }) gtin: string | null;
  @Field(() => String, { nullable: true, description: 'Manufacturer.' }) manufacturer: string | null;
  @Field(() => GraphQLJSON, { description: 'Attributes, e.g. {"ecolabel": "Svanemerket"}.' }) attributes: Record<string, string>;
  @Field({ description: 'True when the agreement is mandatory for the caller’s organisation.' }) mandatory: boolean;
  @Field({ description: 'Name as HTML: the text escaped (&, <, >, ", \' as entities), matched words in <mark>…</mark>, no other tags.' }) highlightedName: string;
  @Field(() => String, { nullable: true, description: 'Description as HTML: the text escaped, matched words in <mark>…</mark>, no other tags.' }) highlightedDescription: string | null;
}

@ObjectType({ description: 'A search hit with its cursor.' })
export class ProductHitEdge {
  @Field(() => ProductHit, { description: 'The hit.' }) node: ProductHit;
  @Field({ description: 'Cursor.' }) cursor: string;
}

@ObjectType({ description: 'One value of a facet and how many items have it (see SearchFacets for which filters the count honours).' })
export class FacetCount {
  @Field({ description: 'The value (a UNSPSC code, supplier id or attribute value).' }) value: string;
  @Field(() => String, { nullable: true, description: 'A readable label (UNSPSC title, supplier name).' }) label?: string | null;
  @Field(() => Int, {
    description:
      'Items with this value that match the text and every filter except this facet’s own: the hits a search would find with only this value ticked in this facet, the other filters as they are. Values ticked together in one facet combine: the hits are the sum of their counts (an item has one value per facet). Segment, family and class share the `unspsc` filter: their counts are of each value alone, and a family ticked under a ticked segment adds nothing to it.',
  })
  count: number;
}

@ObjectType({ description: 'Counts for one attribute, made without the filters on this attribute (the other attributes’ filters apply).' })
export class AttributeFacet {
  @Field({ description: 'Attribute name.' }) name: string;
  @Field(() => [FacetCount], { description: 'Values, most common first.' }) values: FacetCount[];
}

@ObjectType({
  description:
    'Facet counts over all matching items (not only the page), disjunctive as in shops: each facet is counted with the text and every filter except its own, so values of one facet can be combined (ticking supplier A still offers supplier B, with the count a search for B alone gives). The supplier facet leaves out `supplierIds`; each attribute leaves out the filters on that attribute (other attributes’ filters apply); segment, family and class leave out `unspsc` (siblings of a ticked code keep their counts). The price range and `agreementIds` always apply, and only items the caller may see are ever counted. With no filter of a facet set, its counts are those of the hits. Most common values first; a long facet is cut to its most common values (`valuesCap` of them: 30 with PostgreSQL, 100 with Meilisearch).',
})
export class SearchFacetsType {
  @Field(() => [FacetCount], { description: 'By UNSPSC segment, counted without the `unspsc` filter.' }) segment: FacetCount[];
  @Field(() => [FacetCount], { description: 'By UNSPSC family, counted without the `unspsc` filter.' }) family: FacetCount[];
  @Field(() => [FacetCount], { description: 'By UNSPSC class, counted without the `unspsc` filter.' }) class: FacetCount[];
  @Field(() => [FacetCount], { description: 'By supplier, counted without the `supplierIds` filter.' }) supplier: FacetCount[];
  @Field(() => [AttributeFacet], { description: 'By attribute, each counted without its own attribute filter.' }) attributes: AttributeFacet[];
  @Field(() => Int, {
    description:
      'The most values a facet lists, the engine’s cap (30 with PostgreSQL, 100 with Meilisearch): a list this long may have been cut to its most common values, so a value missing from it may still have hits; a shorter list is whole. With Meilisearch the attributes share one list of this many values, so an attribute’s list may be cut shorter.',
  })
  valuesCap: number;
}

@ObjectType({ description: 'A page of search results with counts and facets.' })
export class ProductSearchResult {
  @Field(() => [ProductHitEdge], { description: 'Hits of this page.' }) edges: ProductHitEdge[];
  @Field(() => PageInfo, { description: 'Paging.' }) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Matching items, counted up to 1000.' }) totalCount: number;
  @Field({ description: 'True when more than 1000 items match (totalCount is then 1000).' }) totalCountCapped: boolean;
  @Field(() => SearchFacetsType, { description: 'Facet counts, each without its own filter (disjunctive: see SearchFacets).' }) facets: SearchFacetsType;
  @Field({ description: 'The engine that answered (postgres or meilisearch).' }) engine: string;
  @Field({
    description:
      'True when no item matched every word of the text, so words were given up from the end (Meilisearch’s matchingStrategy "last") to find any; the hits then match only the leading words. Items matching fewer words always rank after those matching more.',
  })
  relaxed: boolean;
  @Field(() => [String], { description: 'The words (or synonym phrases) given up to find any hits, in the order typed; empty unless relaxed.' }) droppedWords: string[];
}
