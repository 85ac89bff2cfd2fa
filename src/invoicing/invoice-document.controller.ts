import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { parseId } from '../platform/http/id-params';
import { InvoiceReceivedDocument } from './invoice-received-document';
import { INVOICE_READERS } from './invoices.service';

/** GET /invoices/:id/document: the invoice or credit note exactly as received. Its supplier and buyer may read it; anyone else is told 404. */
@Controller('invoices')
export class InvoiceDocumentController {
  constructor(private readonly documents: InvoiceReceivedDocument) {}

  @Allow(Role.SUPPLIER_ADMIN, ...INVOICE_READERS)
  @Get(':id/document')
  async document(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response) {
    const { documentId, xml } = await this.documents.document(ctx, parseId('id', id));
    res.setHeader('Content-Type', 'application/xml');
    res.setHeader('Content-Disposition', `inline; filename="${encodeURIComponent(documentId)}.xml"`);
    res.status(200).send(xml);
  }
}
