import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRule, AgreementAccess } from '../agreements/agreement-access';
import { AgreementsService } from '../agreements/agreements.service';
import { ClassificationService } from '../classification/classification.service';
import { isUnspscCode } from '../classification/unspsc-code';
import { AuditService } from '../platform/audit/audit.service';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { conflict, notFound } from '../platform/errors/domain-error';
import { decodeOffset, toConnection } from '../platform/graphql/connection';
import { AwaitingUnspscRepository } from './awaiting-unspsc.repository';
import { CatalogueItemRepository } from './catalogue-item.repository';
import { CatalogueStatus } from './catalogue-status';
import { CatalogueVersionRepository } from './catalogue-version.repository';
import { CatalogueStateError } from './catalogues.types';
import { choiceProblems, CodeChoice } from './unspsc-acceptance';
import { UnspscChoicesRefused, UnspscSuggestionsAccepted } from './unspsc-suggestions.types';

const PARTIES: AccessRule = { allow: ['supplier', 'purchasingUnit'], reason: 'Only the supplier and the purchasing unit see catalogue versions' };
const SUPPLIER: AccessRule = { allow: ['supplier'], reason: 'Only the supplier of the agreement chooses the UNSPSC codes of its catalogue' };

/**
 * The lines of a draft version that wait for a UNSPSC code (upload/awaiting-codes.ts), and the
 * supplier's one step that accepts suggested codes for them: each chosen line becomes an item of
 * the version, all or nothing, audited with the code, its rank and its confidence.
 */
@Injectable()
export class UnspscAcceptanceService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AgreementAccess,
    private readonly agreements: AgreementsService,
    private readonly classification: ClassificationService,
    private readonly audit: AuditService,
    private readonly versionRows: CatalogueVersionRepository,
    private readonly itemRows: CatalogueItemRepository,
    private readonly awaitingRows: AwaitingUnspscRepository,
  ) {}

  /** A page of the version's waiting lines with their suggestions (its supplier and purchasing unit). */
  async awaiting(ctx: RequestContext, versionId: number, agreementId: number, first: number, after?: string) {
    await this.access.require(ctx, agreementId, PARTIES, { what: 'Catalogue version', id: versionId });
    const offset = decodeOffset(after);
    const total = await this.awaitingRows.count(ctx, versionId);
    const rows = total ? await this.awaitingRows.page(ctx, versionId, offset, first) : [];
    return toConnection(
      rows.map((r) => ({ lineNumber: r.lineNo, sellerItemId: r.sellerItemId, name: r.name, givenCode: r.givenCode, reason: r.reason, suggestions: r.suggestions })),
      offset,
      first,
      total,
    );
  }

  accept(ctx: RequestContext, versionId: number, choices: CodeChoice[]): Promise<UnspscSuggestionsAccepted | UnspscChoicesRefused | CatalogueStateError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const agreementId = await this.versionRows.agreementIdOf(tx, versionId);
      if (agreementId === undefined) throw notFound('Catalogue version', versionId);
      await this.access.require(tx, agreementId, SUPPLIER, { what: 'Catalogue version', id: versionId });
      // Uploads and review steps of this agreement's catalogue take turns with this one.
      if (!(await this.agreements.lock(tx, agreementId, false))) {
        throw conflict(`A catalogue upload to agreement ${agreementId}, or a step in the review of its catalogue, is running; nothing was changed. Try again when it has finished`);
      }
      const version = (await this.versionRows.find(tx, versionId))!;
      if (version.status !== CatalogueStatus.DRAFT) {
        return CatalogueStateError.of(version.status, `Catalogue version ${versionId} is ${version.status}; codes are chosen only in a DRAFT version`);
      }
      const lines = await this.awaitingRows.lock(
        tx,
        versionId,
        choices.map((c) => c.lineNumber),
      );
      const waiting = new Map(lines.map((l) => [l.lineNo, l]));
      const existing = await this.classification.existing(tx, [...new Set(choices.map((c) => c.code).filter(isUnspscCode))]);
      const problems = choiceProblems(choices, waiting, existing, await this.agreements.scope(tx, agreementId));
      if (problems.length) return UnspscChoicesRefused.of(problems);

      const codeOf = new Map(choices.map((c) => [c.lineNumber, c.code]));
      const items = lines.map((l) => ({ ...l.item, unspsc: codeOf.get(l.lineNo)! }));
      if (version.headerAction === 'Update') await this.itemRows.upsert(tx, versionId, items);
      else await this.itemRows.insert(tx, versionId, items);
      await this.awaitingRows.remove(
        tx,
        versionId,
        lines.map((l) => l.lineNo),
      );
      version.itemCount = await this.itemRows.count(tx, versionId);
      await this.versionRows.update(tx, versionId, { itemCount: version.itemCount });
      await this.audit.record(tx, 'catalogue.unspsc-accepted', 'catalogue_version', versionId, {
        lines: lines.map((l) => {
          const code = codeOf.get(l.lineNo)!;
          const rank = l.suggestions.findIndex((s) => s.code === code);
          return { line: l.lineNo, sellerItemId: l.sellerItemId, code, givenCode: l.givenCode, rank: rank + 1, confidence: l.suggestions[rank].confidence };
        }),
      });
      return { version, accepted: lines.length, stillAwaiting: await this.awaitingRows.count(tx, versionId) };
    });
  }
}
