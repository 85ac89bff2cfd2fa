import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { WebAppMiddleware } from './web-app.middleware';
import { WebConfigController } from './web-config.controller';

/** The web app (src/web, built by Vite into dist/web) served at /, and its start-up config. */
@Module({ controllers: [WebConfigController] })
export class WebAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(WebAppMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
