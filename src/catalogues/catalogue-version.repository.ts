import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';
import { CatalogueStatus } from './catalogue-status';
import { CatalogueVersionEntity } from './catalogue-version.entity';

/** The one home of the SQL on `catalogue_version`. */
@Injectable()
export class CatalogueVersionRepository {
  find(ctx: RequestContext, id: number): Promise<CatalogueVersionEntity | null> {
    return ctx.manager.findOneBy(CatalogueVersionEntity, { id });
  }

  /** The agreement a version belongs to, read without loading (or locking) the version. */
  async agreementIdOf(ctx: RequestContext, id: number): Promise<number | undefined> {
    const [row] = await ctx.manager.query('SELECT agreement_id FROM catalogue_version WHERE id = $1', [id]);
    return row?.agreement_id;
  }

  /** The version in force (PUBLISHED) of an agreement, if any. */
  published(ctx: RequestContext, agreementId: number): Promise<CatalogueVersionEntity | null> {
    return ctx.manager.findOneBy(CatalogueVersionEntity, { agreementId, status: CatalogueStatus.PUBLISHED });
  }

  async nextVersionNo(tx: RequestContext, agreementId: number): Promise<number> {
    const [{ next }] = await tx.manager.query('SELECT coalesce(max(version_no), 0) + 1 AS next FROM catalogue_version WHERE agreement_id = $1', [agreementId]);
    return Number(next);
  }

  create(tx: RequestContext, fields: Partial<CatalogueVersionEntity>): Promise<CatalogueVersionEntity> {
    return tx.manager.save(CatalogueVersionEntity, tx.manager.create(CatalogueVersionEntity, fields));
  }

  save(tx: RequestContext, version: CatalogueVersionEntity): Promise<CatalogueVersionEntity> {
    return tx.manager.save(CatalogueVersionEntity, version);
  }

  async update(tx: RequestContext, id: number, fields: Partial<CatalogueVersionEntity>): Promise<void> {
    await tx.manager.update(CatalogueVersionEntity, id, fields);
  }

  /** A page of the agreement's versions, newest first, and their total. */
  page(ctx: RequestContext, agreementId: number, offset: number, limit: number): Promise<[CatalogueVersionEntity[], number]> {
    return ctx.manager.findAndCount(CatalogueVersionEntity, { where: { agreementId }, order: { versionNo: 'DESC' }, skip: offset, take: limit });
  }
}
