import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import type { ItemText } from './suggestion-text';

/** An item of a published catalogue with the code its supplier gave it. */
export interface ClassifiedItem extends ItemText {
  code: string;
}

/** The module that holds published catalogues (catalogues, which imports classification). */
export interface ClassifiedItemSource {
  /**
   * Hands the items of every version in force to `onBatch`, a batch at a time, in `ctx` (the
   * vocabulary reads outside a transaction, a statement per page, and awaits each batch).
   */
  forEachPublished(ctx: RequestContext, onBatch: (items: ClassifiedItem[]) => void | Promise<void>): Promise<void>;
}

/**
 * The port through which the suggestion vocabulary reads published items without importing the
 * catalogues module (it imports classification): catalogues registers itself here at start.
 */
@Injectable()
export class ClassifiedItems {
  private source?: ClassifiedItemSource;

  register(source: ClassifiedItemSource): void {
    this.source = source;
  }

  async forEachPublished(ctx: RequestContext, onBatch: (items: ClassifiedItem[]) => void | Promise<void>): Promise<void> {
    await this.source?.forEachPublished(ctx, onBatch);
  }
}
