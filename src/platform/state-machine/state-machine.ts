import type { RequestContext } from '../context/request-context';
import { ErrorResult, isErrorResult } from '../results/error-result';
import { nextState, refusalMessage, TransitionTable } from './transition-table';

/** Who writes the audit event (AuditService in the app). */
export interface AuditWriter {
  record(ctx: RequestContext, action: string, entityType: string, entityId: string | number, data?: Record<string, unknown>): Promise<void>;
}

/** What a domain tells the helper about one kind of stateful thing (an order, a catalogue version …). */
export interface StateMachineSpec<S extends string, E extends string, T extends { id: string | number; status: S }, R extends ErrorResult> {
  /** The table of allowed transitions. */
  table: TransitionTable<S, E>;
  /** Entity type in the audit log, e.g. 'catalogue_version'. */
  entityType: string;
  /** Audit actions are `<auditPrefix>.<done[event]>`, e.g. 'catalogue.published'. */
  auditPrefix: string;
  /** Each event in the past tense, for audit actions and refusals: { publish: 'published' }. */
  done: Record<E, string>;
  /** How people name the entity in messages, e.g. "Catalogue version 5 (no. 2 of its agreement)". */
  describe(entity: T): string;
  /** The ErrorResult returned when the table refuses the event; `message` names the state and the event. */
  refused(entity: T, event: E, message: string): R;
  /** Writes the entity (its new state and whatever the effect changed) in the caller's transaction. */
  save(ctx: RequestContext, entity: T): Promise<unknown>;
}

/** One step's own rules and work, beside what the table says. */
export interface Step<S extends string, T, G extends ErrorResult> {
  /** Business rules beyond the table: an ErrorResult refuses the step and nothing is written. */
  guard?: (entity: T, to: S) => Promise<G | undefined> | G | undefined;
  /** What the step changes besides the state (dates, who decided) and follow-up writes in the same transaction. */
  effect?: (entity: T, from: S, to: S) => Promise<void> | void;
  /** Extra data for the audit event (from and to are always recorded). */
  audit?: Record<string, unknown>;
  /**
   * Writes the entity instead of the spec's save, when this step has more to write with it in the
   * same statement (a new invoice's lines with its first decision).
   */
  save?: (ctx: RequestContext, entity: T) => Promise<unknown>;
}

/**
 * Moves entities through a transition table. `fire` checks the table (refusing with an
 * ErrorResult that names the current state and the event), runs the step's guard, sets the new
 * state, runs the effect, saves (the step's own save, if it has one), and writes the audit event itself, so no caller can forget it.
 * It must run inside the caller's transaction: the state change and its audit event commit together.
 */
export class StateMachine<S extends string, E extends string, T extends { id: string | number; status: S }, R extends ErrorResult> {
  constructor(
    private readonly spec: StateMachineSpec<S, E, T, R>,
    private readonly audit: AuditWriter,
  ) {}

  /** The state after `event`, or null when not allowed (pure). */
  next(from: S, event: E): S | null {
    return nextState(this.spec.table, from, event);
  }

  async fire<G extends ErrorResult = never>(ctx: RequestContext, entity: T, event: E, step: Step<S, T, G> = {}): Promise<T | R | G> {
    if (!ctx.manager.queryRunner?.isTransactionActive) throw new Error(`${this.spec.entityType} ${event}: a state transition must run inside a transaction`);
    const from = entity.status;
    const to = this.next(from, event);
    if (!to) return this.spec.refused(entity, event, refusalMessage(this.spec.describe(entity), from, this.spec.done[event]));
    const refusal = await step.guard?.(entity, to);
    if (refusal) return refusal;
    entity.status = to;
    await step.effect?.(entity, from, to);
    await (step.save ?? this.spec.save)(ctx, entity);
    await this.audit.record(ctx, `${this.spec.auditPrefix}.${this.spec.done[event]}`, this.spec.entityType, entity.id, { from, to, ...step.audit });
    return entity;
  }

  /**
   * `fire` for steps the code itself takes as part of another (superseding the version in force
   * while publishing): a refusal there is a bug, so it throws instead of returning.
   */
  async force(ctx: RequestContext, entity: T, event: E, step: Step<S, T, never> = {}): Promise<T> {
    const result = await this.fire(ctx, entity, event, step);
    if (isErrorResult(result)) throw new Error(`${this.spec.entityType} ${entity.id}: ${result.message}`);
    return result;
  }
}
