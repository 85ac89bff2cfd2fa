import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../auth/access.decorators';
import { GRAPHQL_IDE_ASSETS_PATH, GRAPHQL_IDE_FILES, GRAPHQL_IDE_START_SCRIPT } from './graphql-ide-assets';

/** The GraphQL IDE's files (see graphql-ide-assets.ts); registered outside production only, with the landing page. */
@Controller(GRAPHQL_IDE_ASSETS_PATH)
export class GraphqlIdeController {
  @Public()
  @Get(':file')
  file(@Param('file') name: string, @Res() res: Response) {
    if (name === 'start.js') {
      res.type('text/javascript').send(GRAPHQL_IDE_START_SCRIPT);
      return;
    }
    const file = Object.hasOwn(GRAPHQL_IDE_FILES, name) ? GRAPHQL_IDE_FILES[name] : undefined;
    if (!file) throw new NotFoundException(`${GRAPHQL_IDE_ASSETS_PATH}/${name} is not a file of the GraphQL IDE`);
    // sendFile answers with ETag and Last-Modified, so a browser revalidates instead of loading 4 MB again.
    res.type(file.type).sendFile(file.path);
  }
}
