import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readIdentifiedUblDocument, UBL_DOCUMENT_LIMITS, UblDocumentIdentity, UblDocumentKind, UblDocumentLimits, UblDocumentNodes, UblDocumentType, UblError } from '../peppol';
import { AuditService } from '../platform/audit/audit.service';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { inTransaction } from '../platform/database/transaction';
import { DocumentHandlers, isRefused, Problem } from './document-handlers';
import { ReceivedDocumentRepository } from './received-document.repository';

/** The JSON answer of POST /documents (issue 15 §8). */
export interface DocumentAnswer {
  documentType: UblDocumentType | null;
  id: string | null;
  status: string;
  problems: Problem[];
}

/** 201 applied and stored, 409 a resend (answered with the first result), 422 refused (nothing stored). */
export interface DocumentReceipt {
  httpStatus: 201 | 409 | 422;
  answer: DocumentAnswer;
}

/** The JSON answer of POST /documents/check: what the document is and every problem found, nothing stored. */
export interface DocumentCheck {
  documentType: UblDocumentType | null;
  id: string | null;
  valid: boolean;
  problems: Problem[];
}

/** Thrown inside the transaction to roll the handler's work back; caught outside it. */
class Refusal extends Error {
  constructor(readonly problems: Problem[]) {
    super('refused by its handler');
  }
}

const refused = (documentType: UblDocumentType | null, problems: Problem[]): DocumentReceipt => ({ httpStatus: 422, answer: { documentType, id: null, status: 'REJECTED', problems } });
const noId = (type: UblDocumentType): Problem => ({ path: `/${type}/cbc:ID`, message: `The ${type} has no cbc:ID, which identifies it to its sender and makes a resend recognisable` });
const problemOf = (e: UblError): Problem => ({ message: e.message, ...(e.xmlLine !== undefined ? { line: e.xmlLine } : {}) });

/**
 * Receives a UBL document: identifies it, checks the whole of it is safe XML within bounds,
 * and hands it to the domain that registered its type, in one transaction with the record that
 * it was received, so a document is applied once per sender, type and id or not at all.
 */
@Injectable()
export class DocumentExchangeService {
  private readonly limits: UblDocumentLimits;

  constructor(
    private readonly ds: DataSource,
    private readonly handlers: DocumentHandlers,
    private readonly received: ReceivedDocumentRepository,
    private readonly audit: AuditService,
    @Inject(TORG_CONFIG) config: TorgConfig,
  ) {
    this.limits = { ...UBL_DOCUMENT_LIMITS, maxBytes: config.exchange.documentMaxBytes };
  }

  /**
   * What POST /documents would say of the document before any database work: safe XML, a type
   * Torg receives, an id, and the handler's own checks of the document alone. Stores nothing,
   * so a sender can try a document; whether the order it answers exists is only known on sending.
   */
  async check(bytes: Buffer): Promise<DocumentCheck> {
    const identified = await this.identify(bytes);
    if ('problems' in identified) return { documentType: null, id: null, valid: false, problems: identified.problems };
    const { identity, nodes } = identified;
    const type = identity.type;
    const id = identity.id?.value.trim() || null;
    const handler = this.handlers.get(type);
    const problems: Problem[] = handler ? [] : [this.notReceived(type)];
    if (!id) problems.push(noId(type));
    if (handler?.check) {
      try {
        problems.push(...(await handler.check({ bytes, identity, nodes })));
      } catch (e) {
        if (!(e instanceof UblError)) throw e;
        problems.push(problemOf(e));
      }
    }
    const valid = !problems.some((p) => p.severity !== 'warning');
    return { documentType: type, id, valid, problems };
  }

  /** The document's identity once all of it has been read as safe XML within bounds (the nodes read, handed to its handler), or the problem. */
  private async identify(bytes: Buffer): Promise<{ identity: UblDocumentIdentity; nodes: UblDocumentNodes<UblDocumentKind> } | { problems: Problem[] }> {
    try {
      // Identified by its header and read whole, as safe and bounded, in one pass (the header is not parsed twice).
      return await readIdentifiedUblDocument(bytes, this.limits);
    } catch (e) {
      if (e instanceof UblError) return { problems: [problemOf(e)] };
      throw e;
    }
  }

  private notReceived(type: UblDocumentType): Problem {
    const accepted = this.handlers.types();
    return { path: `/${type}`, message: `Torg does not receive ${type} documents here; it receives ${accepted.length ? accepted.join(', ') : 'none yet'}` };
  }

  async receive(ctx: RequestContext, bytes: Buffer): Promise<DocumentReceipt> {
    const caller = ctx.user;
    const identified = await this.identify(bytes);
    if ('problems' in identified) return refused(null, identified.problems);
    const { identity, nodes } = identified;
    const type = identity.type;
    const handler = this.handlers.get(type);
    if (!handler) return refused(type, [this.notReceived(type)]);
    const documentId = identity.id?.value.trim();
    if (!documentId) return refused(type, [noId(type)]);
    if (documentId.length > 200) return refused(type, [{ path: identity.id!.path, message: `The ${type}'s cbc:ID is longer than 200 characters` }]);

    try {
      return await inTransaction(this.ds, ctx, async (tx): Promise<DocumentReceipt> => {
        const receivedDocumentId = await this.received.lock(tx, caller.organisationId, type, documentId);
        const first = await this.received.find(tx, caller.organisationId, type, documentId);
        if (first) return { httpStatus: 409, answer: { documentType: type, id: first.resultId, status: first.resultStatus, problems: [] } };
        const result = await handler.handle(tx, { bytes, identity, nodes, caller, receivedDocumentId });
        if (isRefused(result)) throw new Refusal(result.problems.length ? result.problems : [{ message: `The ${type} was refused` }]);
        await this.received.insert(tx, {
          id: receivedDocumentId,
          senderOrganisationId: caller.organisationId,
          documentType: type,
          documentId,
          customizationId: identity.customizationId.value,
          resultId: result.id,
          resultStatus: result.status,
          sentByUserId: caller.userId ?? null,
          sentByClientId: caller.machineClientId ?? null,
          content: bytes,
        });
        await this.audit.record(tx, 'document.received', 'received_document', receivedDocumentId, {
          documentType: type,
          documentId,
          specification: identity.specification,
          resultId: result.id,
          status: result.status,
          bytes: bytes.length,
        });
        return { httpStatus: 201, answer: { documentType: type, id: result.id, status: result.status, problems: [] } };
      });
    } catch (e) {
      if (e instanceof Refusal) return refused(type, e.problems);
      // A typed reader in the handler refused what the whole-document check let through (a business form, a value).
      if (e instanceof UblError) return refused(type, [problemOf(e)]);
      throw e;
    }
  }
}
