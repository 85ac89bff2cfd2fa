import { DomainError, serviceUnavailable } from '../platform/errors/domain-error';

/** Seconds a refused upload is told to wait: an upload takes from a second to about a minute. */
export const UPLOAD_RETRY_AFTER_SECONDS = 10;

/**
 * Bounds the catalogue uploads this process runs at once, in all and per supplier. Each upload
 * holds a database connection for its whole run, so without a bound one supplier's burst of
 * uploads took the whole pool and every other request waited. An upload over a bound is
 * refused at once instead of queued: 429 when its supplier already runs its share, 503 when
 * the replica is full. The bound is per replica; across replicas the agreement's row lock
 * (taken with NOWAIT) keeps uploads of one agreement one at a time.
 */
export class UploadGate {
  private running = 0;
  private readonly bySupplier = new Map<number, number>();

  constructor(
    private readonly total: number,
    private readonly perSupplier: number,
  ) {}

  /** Takes a place for the supplier's upload, or throws; call the returned function when it ends. */
  enter(supplierId: number): () => void {
    const mine = this.bySupplier.get(supplierId) ?? 0;
    if (mine >= this.perSupplier) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `Another catalogue upload of this supplier is running (at most ${this.perSupplier} at a time); nothing was stored. Send this file again when it has finished`,
        { retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS },
      );
    }
    if (this.running >= this.total) {
      throw serviceUnavailable(`Torg is processing as many catalogue uploads as it takes at a time (${this.total}); nothing was stored. Send the file again shortly`, {
        retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
      });
    }
    this.running++;
    this.bySupplier.set(supplierId, mine + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running--;
      const n = (this.bySupplier.get(supplierId) ?? 1) - 1;
      if (n > 0) this.bySupplier.set(supplierId, n);
      else this.bySupplier.delete(supplierId);
    };
  }
}
