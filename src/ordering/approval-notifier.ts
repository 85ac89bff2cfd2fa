import { Injectable } from '@nestjs/common';
import { IdentityService } from '../identity/identity.service';
import { RequestContext } from '../platform/context/request-context';
import { Notifications } from '../platform/notifications/notifications';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/**
 * Tells approvers that a requisition waits for them: an e-mail through the outbox, written in the
 * submitting transaction (so it goes exactly when the requisition exists), sent by SMTP when
 * configured and written to the log otherwise.
 */
@Injectable()
export class ApprovalNotifier {
  constructor(
    private readonly notifications: Notifications,
    private readonly identity: IdentityService,
  ) {}

  async requisitionWaiting(tx: RequestContext, order: PurchaseOrderEntity, approverUserIds: readonly number[]): Promise<void> {
    // Approvers and requester in one read.
    const people = await this.identity.users(tx, [...new Set([...approverUserIds, order.requesterUserId])]);
    const approvers = people.filter((p) => approverUserIds.includes(p.id));
    const requester = people.find((p) => p.id === order.requesterUserId);
    if (!approvers.length) return;
    const amount = `${order.currency} ${order.lineExtensionAmount}`;
    await this.notifications.enqueue(tx, {
      to: approvers.map((a) => a.email),
      subject: `Requisition ${order.requisitionNo} waits for your approval (${amount} excl. VAT)`,
      text: [
        `${requester?.name ?? 'A requester'} submitted requisition ${order.requisitionNo} for ${amount} excluding VAT (${order.taxInclusiveAmount} including VAT).`,
        `It needs the approval of someone with authority on cost centre ${order.costCentreId}.`,
        '',
        'Open your approval queue in Torg to approve or reject it.',
      ].join('\n'),
    });
  }
}
