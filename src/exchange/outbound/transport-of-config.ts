import type { ExchangeConfig } from '../../platform/config/config';
import { FolderTransport } from './folder-transport';
import { HttpTransport } from './http-transport';
import { LogTransport } from './log-transport';
import { OutboundTransport } from './outbound-transport';

/** The transport OUTBOUND_TRANSPORT names, configured. */
export function transportOfConfig(config: ExchangeConfig): OutboundTransport {
  switch (config.transport) {
    case 'folder':
      return new FolderTransport(config.folder);
    case 'http':
      return new HttpTransport({ url: config.httpUrl!, token: config.httpToken, timeoutMs: config.httpTimeoutMs });
    case 'log':
      return new LogTransport();
  }
}
