import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { CartLineEntity } from './cart-line.entity';
import { CartEntity } from './cart.entity';

/** A new line: everything but what the database gives it. */
export type NewCartLine = Omit<CartLineEntity, 'id' | 'cartId' | 'lineNo' | 'addedAt'>;

/** The one home of the SQL on `cart` and `cart_line`. */
@Injectable()
export class CartRepository {
  /** The user's open cart in the organisation, if any. */
  findOpen(ctx: RequestContext, organisationId: number, userId: number): Promise<CartEntity | null> {
    return ctx.manager.findOneBy(CartEntity, { organisationId, ownerUserId: userId, status: 'OPEN' });
  }

  /**
   * The user's open cart, created when there is none, locked until the transaction ends so
   * changes to one cart take turns (two first adds at once make one cart, not two).
   */
  async openLocked(tx: RequestContext, organisationId: number, userId: number): Promise<CartEntity> {
    const open = await this.findOpenLocked(tx, organisationId, userId);
    if (open) return open;
    await tx.manager.query(`INSERT INTO cart (organisation_id, owner_user_id) VALUES ($1, $2) ON CONFLICT (organisation_id, owner_user_id) WHERE status = 'OPEN' DO NOTHING`, [organisationId, userId]);
    return (await this.findOpenLocked(tx, organisationId, userId))!;
  }

  /** The open cart, locked, or null when the user has none (nothing to change). */
  findOpenLocked(tx: RequestContext, organisationId: number, userId: number): Promise<CartEntity | null> {
    return tx.manager.findOne(CartEntity, { where: { organisationId, ownerUserId: userId, status: 'OPEN' }, lock: { mode: 'pessimistic_write' } });
  }

  lines(ctx: RequestContext, cartId: number): Promise<CartLineEntity[]> {
    return ctx.manager.find(CartLineEntity, { where: { cartId }, order: { lineNo: 'ASC' } });
  }

  countLines(ctx: RequestContext, cartId: number): Promise<number> {
    return ctx.manager.countBy(CartLineEntity, { cartId });
  }

  /** A line of this cart, or null (another cart's line is no different from a missing one). */
  line(ctx: RequestContext, cartId: number, lineId: number): Promise<CartLineEntity | null> {
    return ctx.manager.findOneBy(CartLineEntity, { cartId, id: lineId });
  }

  /** Appends a line with the cart's next number. */
  async addLine(tx: RequestContext, cart: CartEntity, line: NewCartLine): Promise<CartLineEntity> {
    // As a SELECT over the UPDATE, so the driver hands back rows (a bare UPDATE … RETURNING comes as [rows, count]).
    const [{ no }] = await tx.manager.query('WITH u AS (UPDATE cart SET next_line_no = next_line_no + 1, updated_at = now() WHERE id = $1 RETURNING next_line_no - 1 AS no) SELECT no FROM u', [
      cart.id,
    ]);
    return tx.manager.save(CartLineEntity, tx.manager.create(CartLineEntity, { ...line, cartId: cart.id, lineNo: no, addedAt: new Date() }));
  }

  /** Changes a line in place (it keeps its id and number). */
  async updateLine(tx: RequestContext, cart: CartEntity, lineId: number, fields: Partial<NewCartLine>): Promise<CartLineEntity> {
    await tx.manager.update(CartLineEntity, { id: lineId, cartId: cart.id }, fields);
    await this.touch(tx, cart.id);
    return (await this.line(tx, cart.id, lineId))!;
  }

  async deleteLine(tx: RequestContext, cart: CartEntity, lineId: number): Promise<void> {
    await tx.manager.delete(CartLineEntity, { id: lineId, cartId: cart.id });
    await this.touch(tx, cart.id);
  }

  /** Removes every line; returns how many there were. */
  async deleteLines(tx: RequestContext, cart: CartEntity): Promise<number> {
    const result = await tx.manager.delete(CartLineEntity, { cartId: cart.id });
    await this.touch(tx, cart.id);
    return result.affected ?? 0;
  }

  /** The cart became requisitions: it is closed, and the user's next add opens a new one. */
  async markSubmitted(tx: RequestContext, cartId: number): Promise<void> {
    await tx.manager.query(`UPDATE cart SET status = 'SUBMITTED', updated_at = now() WHERE id = $1`, [cartId]);
  }

  /** Every UNSPSC code a cart line uses, with line writes held off until `tx` ends (the UNSPSC re-import keeps those codes). */
  async codesInUseHeld(tx: RequestContext): Promise<string[]> {
    await tx.manager.query('LOCK TABLE cart_line IN SHARE MODE');
    const rows: { code: string }[] = await tx.manager.query('SELECT DISTINCT unspsc_code AS code FROM cart_line');
    return rows.map((r) => r.code);
  }

  private async touch(tx: RequestContext, cartId: number): Promise<void> {
    await tx.manager.query('UPDATE cart SET updated_at = now() WHERE id = $1', [cartId]);
  }
}
