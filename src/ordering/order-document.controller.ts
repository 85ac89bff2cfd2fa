import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { parseId } from '../platform/http/id-params';
import { OrderDispatch } from './order-dispatch';

/**
 * GET /orders/:id/document: the order's UBL document exactly as it was sent to the supplier.
 * The buyer organisation (a REQUESTER their own orders) and the supplier (once it is sent) may
 * read it; anyone else is told 404, as if the order did not exist.
 */
@Controller('orders')
export class OrderDocumentController {
  constructor(private readonly dispatch: OrderDispatch) {}

  @Allow(Role.REQUESTER, Role.APPROVER, Role.PURCHASER, Role.ADMIN, Role.SUPPLIER_ADMIN)
  @Get(':id/document')
  async document(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response) {
    const { orderNo, xml } = await this.dispatch.sentDocument(ctx, parseId('id', id));
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="${orderNo}.xml"`);
    res.status(200).send(xml);
  }
}
