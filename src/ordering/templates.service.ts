import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementsService } from '../agreements/agreements.service';
import { CataloguesService } from '../catalogues/catalogues.service';
import { purchaseRefusal } from '../catalogues/purchasable-item';
import type { PurchasableItem } from '../catalogues/purchasable-item';
import { osloToday } from '../platform/time/oslo-date';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { Connection, PageArgs } from '../platform/graphql/connection';
import { decodeKeyset, keysetConnection } from '../platform/graphql/keyset-cursor';
import { inTransaction } from '../platform/database/transaction';
import { badInput, conflict, notFound } from '../platform/errors/domain-error';
import { LineKind } from './cart-line-kinds';
import { CartService } from './cart.service';
import { ItemNotOrderable } from './cart.types';
import { FavouriteRow, TemplateRepository } from './template.repository';
import { Favourite, ItemFavourite, OrderTemplate, TemplateAddedToCart } from './templates.types';

/** How many items favouritesOfItems answers for at once (a search page is 20). */
const MAX_ITEMS_ASKED = 100;

/** Favourites and reusable order templates: the requester's own shortcuts, per user and organisation. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: TemplateRepository,
    private readonly carts: CartService,
    private readonly agreements: AgreementsService,
    private readonly catalogues: CataloguesService,
    private readonly audit: AuditService,
  ) {}

  /** The caller's favourites, each with the item as the catalogue in force holds it now (null when not orderable). */
  async favourites(ctx: RequestContext): Promise<Favourite[]> {
    const { organisationId, userId } = ctx.person;
    return this.asNow(ctx, await this.rows.favourites(ctx, organisationId, userId));
  }

  /** A page of the caller's favourites (by name, then id; keyset cursor), each as favourites() gives it. */
  async favouritesPage(ctx: RequestContext, page: PageArgs): Promise<Connection<Favourite>> {
    const { organisationId, userId } = ctx.person;
    const after = nameAndIdAfter(page.after);
    const rows = await this.rows.favouritesPage(ctx, organisationId, userId, page.first, after);
    const connection = keysetConnection(rows, page.first, await this.rows.favouriteCount(ctx, organisationId, userId), (f) => [f.name, f.id]);
    const now = await this.asNow(
      ctx,
      connection.edges.map((e) => e.node),
    );
    return { ...connection, edges: connection.edges.map((e, i) => ({ ...e, node: now[i] })) };
  }

  /**
   * Which of these catalogue items the caller has marked (one answer per marked item, none for the
   * rest): the search marks its hits with it, a page of items in two queries, without reading
   * every favourite. A favourite names an item by agreement and supplier's item number, so an
   * item of another version of the same catalogue is the same favourite.
   */
  async favouritesOfItems(ctx: RequestContext, itemIds: readonly string[]): Promise<ItemFavourite[]> {
    if (itemIds.length > MAX_ITEMS_ASKED) throw badInput(`itemIds: at most ${MAX_ITEMS_ASKED} items at a time, not ${itemIds.length}`, { field: 'itemIds', max: MAX_ITEMS_ASKED });
    const wrong = itemIds.findIndex((id) => !/^\d{1,18}$/.test(id));
    if (wrong >= 0) throw badInput(`itemIds[${wrong}] must be a catalogue item id (digits), not "${itemIds[wrong].slice(0, 40)}"`, { field: `itemIds[${wrong}]` });
    const { organisationId, userId } = ctx.person;
    const keys = await this.catalogues.itemKeys(ctx, [...new Set(itemIds)]);
    return this.rows.favouritesOf(ctx, organisationId, userId, keys);
  }

  /** Each favourite with the item as the catalogue in force holds it now (null when not orderable by the caller's organisation). */
  private async asNow(ctx: RequestContext, favourites: FavouriteRow[]): Promise<Favourite[]> {
    const { organisationId } = ctx.person;
    const now = await this.catalogues.itemsInForce(ctx, favourites);
    const orderable = new Set((await this.agreements.inForceFor(ctx, organisationId)).map((a) => a.id));
    return favourites.map((f, i) => {
      const item = orderable.has(f.agreementId) ? now[i] : null;
      return { ...f, currentItemId: item?.itemId ?? null, currentPrice: item?.price ?? null, currency: item?.currency ?? null };
    });
  }

  /** Marks an item the caller may order as a favourite (by agreement and the supplier's item number, so it outlives catalogue versions). */
  async addFavourite(ctx: RequestContext, itemId: string): Promise<Favourite | ItemNotOrderable> {
    if (!/^\d{1,18}$/.test(itemId)) throw badInput('itemId must be a catalogue item id', { field: 'itemId' });
    const id = await inTransaction(this.ds, ctx, async (tx) => {
      const item = await this.carts.orderableItem(tx, itemId);
      if (!item) return null;
      const favouriteId = await this.rows.addFavourite(tx, tx.person.organisationId, tx.person.userId, item);
      await this.audit.record(tx, 'cart.favourite-added', 'cart_favourite', favouriteId, { itemId, agreementId: item.agreementId, sellerItemId: item.sellerItemId });
      return favouriteId;
    });
    if (id === null) return ItemNotOrderable.of(itemId);
    return (await this.favourites(ctx)).find((f) => f.id === id)!;
  }

  async removeFavourite(ctx: RequestContext, id: number): Promise<Favourite[]> {
    await inTransaction(this.ds, ctx, async (tx) => {
      if (!(await this.rows.removeFavourite(tx, tx.person.organisationId, tx.person.userId, id))) throw notFound('Favourite', id);
      await this.audit.record(tx, 'cart.favourite-removed', 'cart_favourite', id);
    });
    return this.favourites(ctx);
  }

  templates(ctx: RequestContext): Promise<OrderTemplate[]> {
    return this.rows.templates(ctx, ctx.person.organisationId, ctx.person.userId);
  }

  /** A page of the caller's templates (by name, then id; keyset cursor). */
  async templatesPage(ctx: RequestContext, page: PageArgs): Promise<Connection<OrderTemplate>> {
    const { organisationId, userId } = ctx.person;
    const after = nameAndIdAfter(page.after);
    const rows = await this.rows.templatesPage(ctx, organisationId, userId, page.first, after);
    return keysetConnection(rows, page.first, await this.rows.templateCount(ctx, organisationId, userId), (t) => [t.name, t.id]);
  }

  /** Saves the catalogue lines of the caller's cart (items and quantities) as a template; free-text lines are left out. */
  async saveCartAsTemplate(ctx: RequestContext, name: string): Promise<OrderTemplate> {
    const trimmed = name.trim();
    if (trimmed.length < 2) throw badInput('name must have at least 2 characters', { field: 'name' });
    const id = await inTransaction(this.ds, ctx, async (tx) => {
      const { organisationId, userId } = tx.person;
      const lines = (await this.carts.cart(tx)).lines.filter((l) => l.kind === LineKind.CATALOGUE);
      if (!lines.length) throw badInput('The cart holds no catalogue items to save as a template');
      if (await this.rows.templateNameTaken(tx, organisationId, userId, trimmed)) throw conflict(`You have a template named "${trimmed}" already`, { field: 'name' });
      const templateId = await this.rows.createTemplate(
        tx,
        organisationId,
        userId,
        trimmed,
        lines.map((l) => ({ agreementId: l.agreementId!, sellerItemId: l.sellerItemId!, name: l.name, quantity: l.quantity })),
      );
      await this.audit.record(tx, 'order-template.saved', 'order_template', templateId, { name: trimmed, lines: lines.length });
      return templateId;
    });
    return (await this.rows.templates(ctx, ctx.person.organisationId, ctx.person.userId, id))[0];
  }

  async deleteTemplate(ctx: RequestContext, id: number): Promise<OrderTemplate[]> {
    await inTransaction(this.ds, ctx, async (tx) => {
      if (!(await this.rows.deleteTemplate(tx, tx.person.organisationId, tx.person.userId, id))) throw notFound('Order template', id);
      await this.audit.record(tx, 'order-template.deleted', 'order_template', id);
    });
    return this.templates(ctx);
  }

  /**
   * Adds every line of a template to the cart in one step, each item as the catalogue in force
   * holds it now, if the caller may order it today; the others are listed with the reason.
   */
  async addToCart(ctx: RequestContext, templateId: number): Promise<TemplateAddedToCart> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const [template] = await this.rows.templates(tx, tx.person.organisationId, tx.person.userId, templateId);
      if (!template) throw notFound('Order template', templateId);
      const now = await this.catalogues.itemsInForce(tx, template.lines);
      const orderable = new Set((await this.agreements.inForceFor(tx, tx.person.organisationId)).map((a) => a.id));
      const skipped: TemplateAddedToCart['skipped'] = [];
      const today = osloToday();
      const adding: { item: PurchasableItem; quantity: string }[] = [];
      for (const [i, line] of template.lines.entries()) {
        const item = now[i];
        if (!orderable.has(line.agreementId)) skipped.push({ sellerItemId: line.sellerItemId, name: line.name, reason: 'The agreement is not one your organisation may order under today' });
        else if (!item) skipped.push({ sellerItemId: line.sellerItemId, name: line.name, reason: 'The catalogue in force no longer holds the item' });
        else if (purchaseRefusal(item, today)) skipped.push({ sellerItemId: line.sellerItemId, name: line.name, reason: purchaseRefusal(item, today)! });
        else adding.push({ item, quantity: line.quantity });
      }
      const added = (await this.carts.appendItems(tx, adding)).length;
      return { added, skipped, cart: await this.carts.cart(tx) };
    });
  }
}

/** Favourites and templates page by (name, id): the key in an `after` cursor. */
function nameAndIdAfter(after: string | undefined): { name: string; id: number } | undefined {
  const key = decodeKeyset(after, ['string', 'int']);
  return key && { name: key[0] as string, id: key[1] as number };
}
