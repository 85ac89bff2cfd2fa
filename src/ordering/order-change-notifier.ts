import { Injectable } from '@nestjs/common';
import { IdentityService } from '../identity/identity.service';
import { Role } from '../identity/role';
import { RequestContext } from '../platform/context/request-context';
import { Notifications } from '../platform/notifications/notifications';
import type { PurchaseOrderEntity } from './purchase-order.entity';

/**
 * Tells the supplier that the buyer rejected its changes and the order is cancelled: an e-mail
 * to the supplier organisation's SUPPLIER_ADMINs through the outbox, in the deciding
 * transaction. Sending an EHF Order Change or Order Cancellation document instead is not built
 * (issue 15 leaves it for later); the e-mail is the supplier's notice until then.
 */
@Injectable()
export class OrderChangeNotifier {
  constructor(
    private readonly notifications: Notifications,
    private readonly identity: IdentityService,
  ) {}

  async changesRejected(tx: RequestContext, order: PurchaseOrderEntity, reason: string): Promise<void> {
    if (order.supplierId === null) return;
    const admins = await this.identity.membersWithRole(tx, order.supplierId, Role.SUPPLIER_ADMIN);
    if (!admins.length) return;
    await this.notifications.enqueue(tx, {
      to: admins.map((a) => a.email),
      subject: `Order ${order.orderNo}: your changes were rejected and the order is cancelled`,
      text: [
        `The buyer rejected the changes you proposed to order ${order.orderNo} (order response CA), so the order is cancelled.`,
        '',
        `The buyer's reason: ${reason}`,
        '',
        'Do not deliver this order. The buyer may place a new one.',
      ].join('\n'),
      tag: 'order-changes-rejected',
    });
  }
}
