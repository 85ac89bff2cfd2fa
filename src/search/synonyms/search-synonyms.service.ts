import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityService } from '../../identity/identity.service';
import { OrganisationKind } from '../../identity/organisation-kind';
import { AuditService } from '../../platform/audit/audit.service';
import { TtlCache } from '../../platform/cache/ttl-cache';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { badInput, forbidden, notFound } from '../../platform/errors/domain-error';
import { decodeOffset, toConnection } from '../../platform/graphql/connection';
import { SynonymGroup } from '../engines/search-text';
import { SearchSynonymRepository, SynonymGroupRow } from './search-synonym.repository';
import { checkSynonymGroup, isSynonymProblem, MAX_GROUPS_PER_ORGANISATION } from './synonym-group-rules';
import { AddSearchSynonymsInput, DuplicateSynonymGroupError, InvalidSynonymGroupError, SearchSynonymGroup, SynonymDirection } from './search-synonyms.types';

/** Searchers' groups remembered at most (by organisation); when full, the memory starts over. */
const MAX_REMEMBERED = 10_000;

const BUYER_KINDS = new Set<OrganisationKind>([OrganisationKind.BUYER, OrganisationKind.PURCHASING_UNIT]);

/**
 * How long a searcher's synonyms are remembered when the engine reports no generation of them
 * (Meilisearch): a change is then seen within this time by the other replicas. The PostgreSQL
 * engine reads the generation in each search's first statement, and a searcher's groups are kept
 * until it moves on (seen()), so every replica applies a change from its next search on.
 */
const SYNONYMS_TTL_MS = 10_000;

/** A searcher's groups and the generation of all groups (search_generation) they were read at. */
export interface SearcherSynonyms {
  groups: SynonymGroup[];
  generation: number;
}

/**
 * An organisation's own synonym groups (beside the maintained list in synonyms.ts): added and
 * removed by its PURCHASER or ADMIN, or one of an organisation above it; every change audited.
 * A search applies the groups of the searcher's organisation and of every organisation above it.
 */
@Injectable()
export class SearchSynonyms {
  private readonly cache = new TtlCache<SearcherSynonyms>(SYNONYMS_TTL_MS);
  private readonly lasting = new Map<string, SearcherSynonyms>();
  /** The newest generation a search reported (null: the engine reports none, the TTL applies). */
  private latest: number | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly rows: SearchSynonymRepository,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
  ) {}

  async add(ctx: RequestContext, input: AddSearchSynonymsInput): Promise<SearchSynonymGroup | InvalidSynonymGroupError | DuplicateSynonymGroupError> {
    const checked = checkSynonymGroup(input.terms, input.direction === SynonymDirection.ONE_WAY);
    if (isSynonymProblem(checked)) return InvalidSynonymGroupError.of(checked.code, checked.termIndex, checked.message);
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.manageable(tx, input.organisationId);
      if ((await this.rows.count(tx, org)) >= MAX_GROUPS_PER_ORGANISATION)
        return InvalidSynonymGroupError.of('TOO_MANY_GROUPS', null, `Organisation ${org} has ${MAX_GROUPS_PER_ORGANISATION} synonym groups, the most it may keep: remove one first`);
      const added = await this.rows.insert(tx, org, checked, tx.user.userId ?? null);
      if ('existingId' in added) return DuplicateSynonymGroupError.of(added.existingId, org);
      await this.audit.record(tx, 'search-synonyms.added', 'organisation', org, { groupId: added.row.id, terms: checked.terms, oneWay: checked.oneWay });
      tx.afterCommit(() => this.forget());
      return toGroup(added.row);
    });
  }

  async remove(ctx: RequestContext, id: number): Promise<SearchSynonymGroup> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const group = await this.rows.find(tx, id);
      // Another organisation's group is not found: its existence is not told.
      if (!group || !(await this.identity.selfAndDescendantIds(tx, [tx.user.organisationId])).includes(group.organisationId)) throw notFound('Search synonym group', id);
      if (!(await this.rows.delete(tx, id))) throw notFound('Search synonym group', id); // removed by someone else meanwhile
      await this.audit.record(tx, 'search-synonyms.removed', 'organisation', group.organisationId, { groupId: id, terms: group.terms, oneWay: group.oneWay });
      tx.afterCommit(() => this.forget());
      return toGroup(group);
    });
  }

  async list(ctx: RequestContext, organisationId: number | undefined, first: number, after?: string) {
    const org = await this.manageable(ctx, organisationId);
    const offset = decodeOffset(after);
    const [rows, total] = await this.rows.page(ctx, org, offset, first);
    return toConnection(rows.map(toGroup), offset, first, total);
  }

  /**
   * The groups a search by this caller applies: its organisation's and those of every organisation
   * above it (organisations never move, so the set of organisations is fixed), with the generation
   * they were read at. Remembered until a search reports a newer generation (seen()); for an engine
   * that reports none, for SYNONYMS_TTL_MS.
   */
  async forSearcher(ctx: RequestContext): Promise<SearcherSynonyms> {
    const org = ctx.user.organisationId;
    const key = String(org);
    const known = this.latest === null ? this.cache.get(key) : this.lasting.get(key);
    if (known && (this.latest === null || known.generation >= this.latest)) return known;
    const read = await this.rows.forOrganisations(ctx, await this.identity.selfAndAncestorIds(ctx, org));
    if (this.latest === null) this.cache.set(key, read);
    else {
      if (this.lasting.size >= MAX_REMEMBERED) this.lasting.clear();
      this.lasting.set(key, read);
    }
    return read;
  }

  /**
   * A search saw this generation of the groups (in its first statement): what was read at an older
   * one is read again when next asked for. Returns whether `used` (what that search applied) may be
   * outdated, so the caller asks again and searches again if the groups differ.
   */
  seen(generation: number, used: SearcherSynonyms): boolean {
    if (this.latest === null || generation > this.latest) this.latest = generation;
    return generation > used.generation;
  }

  /** After a change on this replica: its next searches read the groups again without waiting for a generation. */
  private forget() {
    this.cache.clear();
    this.lasting.clear();
  }

  /** The organisation a caller may keep synonyms for: its own (default) or one below it, a buyer or purchasing unit. */
  private async manageable(ctx: RequestContext, organisationId: number | undefined): Promise<number> {
    const org = organisationId ?? ctx.user.organisationId;
    if (!(await this.identity.selfAndDescendantIds(ctx, [ctx.user.organisationId])).includes(org))
      throw forbidden(`Search synonyms are kept by the organisation’s own PURCHASER or ADMIN, or one above it; organisation ${org} is neither yours nor below yours`);
    const organisation = await this.identity.find(ctx, org);
    if (!organisation || !BUYER_KINDS.has(organisation.kind)) throw badInput(`Organisation ${org} does not search to buy (not a buyer or purchasing unit)`, { field: 'organisationId' });
    return org;
  }
}

function toGroup(row: SynonymGroupRow): SearchSynonymGroup {
  return { id: row.id, organisationId: row.organisationId, terms: row.terms, direction: row.oneWay ? SynonymDirection.ONE_WAY : SynonymDirection.BOTH_WAYS, createdAt: row.createdAt };
}
