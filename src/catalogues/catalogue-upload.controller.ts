import {
  BadRequestException,
  Body,
  CallHandler,
  Controller,
  HttpCode,
  Inject,
  Injectable,
  NestInterceptor,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { catchError } from 'rxjs';
import { unlink } from 'node:fs/promises';
import { Allow } from '../identity/access.decorators';
import { Role } from '../identity/role';
import { Ctx } from '../platform/auth/ctx.decorator';
import { RequestContext } from '../platform/context/request-context';
import { TORG_CONFIG } from '../platform/config/config';
import type { TorgConfig } from '../platform/config/config';
import { badInput, DomainError } from '../platform/errors/domain-error';
import { IdParamsFirst } from '../platform/http/id-params';
import { catalogueFormatOf } from './catalogue-import';
import { CataloguesService } from './catalogues.service';
import { invalidLinesOption } from './upload/invalid-lines-option';

const SEND_AS_FILE = 'Send the catalogue as multipart/form-data in a field named "file"';

/**
 * Multer's refusals say little ("Unexpected file field - <name>", "File too large"): say which
 * field the upload expects, and what the size limit is.
 */
@Injectable()
class UploadRefusals implements NestInterceptor {
  constructor(@Inject(TORG_CONFIG) private readonly config: TorgConfig) {}

  intercept(_context: unknown, next: CallHandler) {
    return next.handle().pipe(
      catchError((e: unknown) => {
        const unexpected = e instanceof BadRequestException ? /^Unexpected (?:file )?field(?: - (.*))?$/.exec(e.message) : null;
        if (unexpected) throw badInput(`${SEND_AS_FILE}; the request sent a file in ${unexpected[1] ? JSON.stringify(unexpected[1]) : 'another field'}`);
        if (e instanceof PayloadTooLargeException) {
          const limit = this.config.uploadMaxBytes;
          throw new DomainError(
            'PAYLOAD_TOO_LARGE',
            `The file is larger than the ${limit.toLocaleString('en-US')} bytes (${(limit / 2 ** 20).toFixed(1)} MiB) a catalogue upload may have (UPLOAD_MAX_BYTES); nothing was stored`,
            { maxBytes: limit },
          );
        }
        throw e;
      }),
    );
  }
}

/**
 * REST upload of catalogue files (multipart field "file"). The body is streamed to a temporary
 * file (never held in memory) and read from there line by line.
 */
@Controller('agreements/:agreementId/catalogue')
export class CatalogueUploadController {
  constructor(@Inject(CataloguesService) private readonly catalogues: CataloguesService) {}

  @Allow(Role.SUPPLIER_ADMIN)
  @Post()
  @HttpCode(201)
  @UseInterceptors(IdParamsFirst('agreementId'), UploadRefusals, FileInterceptor('file'))
  async upload(
    @Ctx() ctx: RequestContext,
    @Param('agreementId') agreementId: number,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('invalidLines') invalidLinesQuery: unknown,
    @Body() body: Record<string, unknown> | undefined,
    @Res() res: Response,
  ) {
    if (!file) throw badInput(SEND_AS_FILE);
    try {
      const invalidLines = invalidLinesOption(invalidLinesQuery, body?.invalidLines);
      const format = catalogueFormatOf(file.originalname || 'upload');
      const result = await this.catalogues.upload(ctx, agreementId, file.path, file.originalname, format, invalidLines);
      const warnings = { warningCount: result.warningCount, warnings: result.warnings };
      if (!result.version) {
        res.status(422).json({
          code: 'CATALOGUE_INVALID',
          message: `The catalogue has ${result.problemCount} problem(s); nothing was stored`,
          lineCount: result.lineCount,
          problemCount: result.problemCount,
          problems: result.problems,
          ...warnings,
          unspscSuggestions: result.unspscSuggestions,
        });
        return;
      }
      res.status(201).json({
        version: result.version,
        lineCount: result.lineCount,
        problemCount: 0,
        problems: [],
        excludedLineCount: result.excludedLineCount,
        excluded: result.excluded,
        ...warnings,
        awaitingUnspscCount: result.awaitingUnspscCount,
        unspscSuggestions: result.unspscSuggestions,
      });
    } finally {
      await unlink(file.path).catch(() => undefined);
    }
  }
}
