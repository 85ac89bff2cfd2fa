import { Global, Module } from '@nestjs/common';
import { Notifications } from './notifications';

/** E-mail notifications through the outbox (`Notifications.enqueue`); needs OutboxModule. */
@Global()
@Module({ providers: [Notifications], exports: [Notifications] })
export class NotificationsModule {}
