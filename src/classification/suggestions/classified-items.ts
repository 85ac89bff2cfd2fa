import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import type { ItemText } from './suggestion-text';

/** An item of a published catalogue with the code its supplier gave it. */
export interface ClassifiedItem extends ItemText {
  code: string;
}

type OnBatch = (items: ClassifiedItem[]) => void | Promise<void>;

/** The module that holds published catalogues (catalogues, which imports classification). */
export interface ClassifiedItemSource {
  /** The ids of the catalogue versions in force now. */
  publishedVersions(ctx: RequestContext): Promise<number[]>;
  /**
   * Hands the items of one version to `onBatch`, a batch at a time, in `ctx` (the vocabulary
   * reads outside a transaction, a statement per page, and awaits each batch). A published
   * version's items do not change.
   */
  forEachItemOf(ctx: RequestContext, versionId: number, onBatch: OnBatch): Promise<void>;
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

  async publishedVersions(ctx: RequestContext): Promise<number[]> {
    return (await this.source?.publishedVersions(ctx)) ?? [];
  }

  async forEachItemOf(ctx: RequestContext, versionId: number, onBatch: OnBatch): Promise<void> {
    await this.source?.forEachItemOf(ctx, versionId, onBatch);
  }
}
