import {
  BadRequestException,
  CallHandler,
  Controller,
  ExecutionContext,
  HttpCode,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { catchError } from 'rxjs';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { RequestContext } from '../platform/context/request-context';
import { badInput } from '../platform/errors/domain-error';
import { isMultipartBody, isXmlBody, readXmlBody, refuseDeclaredLength, tooLarge, unsupportedMediaType } from './document-body';
import { DocumentExchangeService } from './document-exchange.service';

const SEND_AS_FILE = 'Send the document as multipart/form-data in a field named "file" (or as an application/xml body)';

/**
 * Refuses a body that is too large or of a type that is no document before multer or the
 * handler reads it, and says what multer's refusals mean ("File too large", "Unexpected field").
 */
@Injectable()
class DocumentBodyRefusals implements NestInterceptor {
  constructor(@Inject(TORG_CONFIG) private readonly config: TorgConfig) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const req = context.switchToHttp().getRequest<Request>();
    const maxBytes = this.config.exchange.documentMaxBytes;
    if (!isXmlBody(req) && !isMultipartBody(req)) throw unsupportedMediaType(req);
    refuseDeclaredLength(req, maxBytes);
    return next.handle().pipe(
      catchError((e: unknown) => {
        const unexpected = e instanceof BadRequestException ? /^Unexpected (?:file )?field(?: - (.*))?$/.exec(e.message) : null;
        if (unexpected) throw badInput(`${SEND_AS_FILE}; the request sent a file in ${unexpected[1] ? JSON.stringify(unexpected[1]) : 'another field'}`);
        if (e instanceof PayloadTooLargeException) throw tooLarge(maxBytes);
        throw e;
      }),
    );
  }
}

/**
 * POST /documents: a trading partner's UBL document (Order Response, Despatch Advice…), as the
 * body or as a multipart file, applied by the domain that registered its type (DocumentHandlers).
 * People and machine clients of suppliers and buyers may post; the handler decides further.
 */
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly exchange: DocumentExchangeService,
    @Inject(TORG_CONFIG) private readonly config: TorgConfig,
  ) {}

  @Allow(Role.SUPPLIER_ADMIN, Role.PURCHASER, Role.REQUESTER, Role.APPROVER)
  @Post()
  @UseInterceptors(DocumentBodyRefusals, FileInterceptor('file'))
  async receive(@Ctx() ctx: RequestContext, @Req() req: Request, @UploadedFile() file: Express.Multer.File | undefined, @Res() res: Response) {
    const receipt = await this.exchange.receive(ctx, await this.bytesOf(req, file));
    res.status(receipt.httpStatus).json(receipt.answer);
  }

  /** POST /documents/check: the same document, checked as POST /documents would before applying it; 200 with `valid` and every problem, nothing stored. */
  @Allow(Role.SUPPLIER_ADMIN, Role.PURCHASER, Role.REQUESTER, Role.APPROVER)
  @Post('check')
  @HttpCode(200)
  @UseInterceptors(DocumentBodyRefusals, FileInterceptor('file'))
  async check(@Req() req: Request, @UploadedFile() file: Express.Multer.File | undefined) {
    return this.exchange.check(await this.bytesOf(req, file));
  }

  private async bytesOf(req: Request, file: Express.Multer.File | undefined): Promise<Buffer> {
    if (!isMultipartBody(req)) return readXmlBody(req, this.config.exchange.documentMaxBytes);
    if (!file) throw badInput(SEND_AS_FILE);
    return file.buffer;
  }
}
