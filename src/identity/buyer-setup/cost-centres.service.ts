import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { badInput, notFound } from '../../platform/errors/domain-error';
import { Connection, decodeOffset, toConnection } from '../../platform/graphql/connection';
import { byKey, requestLoader } from '../../platform/graphql/request-loader';
import { Money } from '../../platform/money/money';
import { BuyerSetupAccess, SetupNeed } from './buyer-setup-access';
import { DuplicateValueError, UserNotInOrganisationError } from './buyer-setup.errors';
import type { CostCentreBudgetEntity, CostCentreEntity } from './cost-centre.entity';
import { CostCentreRepository } from './cost-centre.repository';
import { CreateCostCentreInput, SetCostCentreBudgetInput, UpdateCostCentreInput } from './cost-centre.types';
import { OrganisationMembers } from './organisation-members';

/** Budgets are kept in NOK: Norwegian public bodies budget in kroner. */
export const BUDGET_CURRENCY = 'NOK';

type CostCentreResult = CostCentreEntity | DuplicateValueError | UserNotInOrganisationError;

/** Cost centres and their yearly budgets. Ordering (issue 15 §4) reads them through `find` and `budget`. */
@Injectable()
export class CostCentresService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: CostCentreRepository,
    private readonly access: BuyerSetupAccess,
    private readonly members: OrganisationMembers,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, organisationId: number | undefined, includeInactive: boolean, first: number, after?: string): Promise<Connection<CostCentreEntity>> {
    const org = await this.access.require(ctx, this.access.organisationOf(ctx, organisationId), 'read');
    const offset = decodeOffset(after);
    const [rows, total] = await this.rows.page(ctx, org.id, includeInactive, offset, first);
    return toConnection(rows, offset, first, total);
  }

  /** One cost centre the caller may see (NOT_FOUND for another organisation's). */
  get(ctx: RequestContext, id: number): Promise<CostCentreEntity> {
    return this.require(ctx, id, 'read');
  }

  /** The cost centre by id without a caller check, batched over a request (for services that checked already, and for field resolvers). */
  find(ctx: RequestContext, id: number): Promise<CostCentreEntity | null> {
    return requestLoader<number, CostCentreEntity | null>(ctx, 'cost-centre', async (ids) =>
      byKey(
        ids,
        await this.rows.byIds(ctx, [...ids]),
        (c) => c.id,
        (cs) => cs[0],
        null,
      ),
    ).load(id);
  }

  /** The cost centre's budgets, oldest year first (batched over a request). */
  budgets(ctx: RequestContext, costCentreId: number): Promise<CostCentreBudgetEntity[]> {
    return requestLoader<number, CostCentreBudgetEntity[]>(ctx, 'cost-centre-budgets', async (ids) =>
      byKey(
        ids,
        await this.rows.budgets(ctx, [...ids]),
        (b) => b.costCentreId,
        (bs) => bs,
        [],
      ),
    ).load(costCentreId);
  }

  /** The budget for one year, or null when none is set. */
  async budget(ctx: RequestContext, costCentreId: number, year: number): Promise<Money | null> {
    const row = await this.rows.budget(ctx, costCentreId, year);
    return row ? Money.of(row.amount, row.currency) : null;
  }

  async create(ctx: RequestContext, input: CreateCostCentreInput): Promise<CostCentreResult> {
    const code = input.code.trim();
    const name = required(input.name, 'name');
    const budgets = input.budgets ?? [];
    const years = budgets.map((b) => b.year);
    const twice = years.find((y, i) => years.indexOf(y) !== i);
    if (twice !== undefined) throw badInput(`budgets: year ${twice} is given twice`, { field: 'budgets' });
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.access.require(tx, this.access.organisationOf(tx, input.organisationId), 'manage');
      await this.rows.lockOrganisation(tx, org.id);
      const taken = await this.rows.byCode(tx, org.id, code);
      if (taken) return DuplicateValueError.of('cost centre', 'code', code, taken.id);
      const notMember = await this.members.member(tx, org.id, input.ownerUserId, 'ownerUserId');
      if (notMember) return notMember;
      const costCentre = await this.rows.create(tx, { organisationId: org.id, code, name, ownerUserId: input.ownerUserId });
      for (const b of budgets) await this.rows.setBudget(tx, costCentre.id, b.year, b.amount, BUDGET_CURRENCY);
      await this.audit.record(tx, 'cost-centre.created', 'cost_centre', costCentre.id, {
        organisationId: org.id,
        code,
        name,
        ownerUserId: input.ownerUserId,
        budgets: budgets.map((b) => ({ year: b.year, amount: b.amount, currency: BUDGET_CURRENCY })),
      });
      return costCentre;
    });
  }

  async update(ctx: RequestContext, input: UpdateCostCentreInput): Promise<CostCentreResult> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const costCentre = await this.require(tx, input.id, 'manage');
      await this.rows.lockOrganisation(tx, costCentre.organisationId);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.code != null && input.code.trim() !== costCentre.code) {
        const code = input.code.trim();
        const taken = await this.rows.byCode(tx, costCentre.organisationId, code);
        if (taken && taken.id !== costCentre.id) return DuplicateValueError.of('cost centre', 'code', code, taken.id);
        changes.code = { from: costCentre.code, to: code };
      }
      if (input.name != null && required(input.name, 'name') !== costCentre.name) changes.name = { from: costCentre.name, to: required(input.name, 'name') };
      if (input.ownerUserId != null && input.ownerUserId !== costCentre.ownerUserId) {
        const notMember = await this.members.member(tx, costCentre.organisationId, input.ownerUserId, 'ownerUserId');
        if (notMember) return notMember;
        changes.ownerUserId = { from: costCentre.ownerUserId, to: input.ownerUserId };
      }
      if (input.active != null && input.active !== costCentre.active) changes.active = { from: costCentre.active, to: input.active };
      if (!Object.keys(changes).length) return costCentre;
      const changed = Object.fromEntries(Object.entries(changes).map(([field, c]) => [field, c.to]));
      const saved = await this.rows.save(tx, Object.assign(costCentre, changed));
      await this.audit.record(tx, 'cost-centre.updated', 'cost_centre', saved.id, { organisationId: saved.organisationId, changes });
      return saved;
    });
  }

  async setBudget(ctx: RequestContext, input: SetCostCentreBudgetInput): Promise<CostCentreEntity> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const costCentre = await this.require(tx, input.costCentreId, 'manage');
      const before = await this.rows.budget(tx, costCentre.id, input.year);
      await this.rows.setBudget(tx, costCentre.id, input.year, input.amount, BUDGET_CURRENCY);
      await this.audit.record(tx, 'cost-centre.budget-set', 'cost_centre', costCentre.id, {
        organisationId: costCentre.organisationId,
        year: input.year,
        from: before?.amount ?? null,
        to: input.amount,
        currency: BUDGET_CURRENCY,
      });
      return costCentre;
    });
  }

  /** The cost centre if the caller may `need` it; NOT_FOUND for one of an organisation the caller has no part in. */
  private async require(ctx: RequestContext, id: number, need: SetupNeed): Promise<CostCentreEntity> {
    const costCentre = await this.rows.find(ctx, id);
    if (!costCentre) throw notFound('Cost centre', id);
    await this.access.require(ctx, costCentre.organisationId, need, { what: 'Cost centre', id });
    return costCentre;
  }
}

function required(text: string, field: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw badInput(`${field} must not be blank`, { field });
  return trimmed;
}
