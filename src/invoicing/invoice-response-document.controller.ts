import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { parseId } from '../platform/http/id-params';
import { InvoiceResponseViews } from './invoice-response-views';
import { INVOICE_READERS } from './invoices.service';

/**
 * GET /invoices/:id/responses/:responseId/document: an Invoice Response exactly as it was sent.
 * The invoice's supplier and buyer may read it; anyone else is told 404.
 */
@Controller('invoices')
export class InvoiceResponseDocumentController {
  constructor(private readonly views: InvoiceResponseViews) {}

  @Allow(Role.SUPPLIER_ADMIN, ...INVOICE_READERS)
  @Get(':id/responses/:responseId/document')
  async document(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('responseId') responseId: string, @Res() res: Response) {
    const { documentId, xml } = await this.views.document(ctx, parseId('id', id), parseId('responseId', responseId));
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="${documentId}.xml"`);
    res.status(200).send(xml);
  }
}
