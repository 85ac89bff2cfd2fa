import type { Readable } from 'node:stream';

/**
 * Reads an object-mode stream as arrays of whatever it has buffered, instead of one await per
 * object (`for await` on the stream itself). Ends with the stream; throws the stream's error,
 * also one raised while the caller was busy with the previous batch (an error listener stays
 * attached throughout, so such an error can never go unhandled and take the process down).
 */
export async function* readBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onError = (e: Error) => {
    failure ??= e;
    wake?.();
  };
  const onEvent = () => wake?.();
  stream.on('error', onError);
  stream.on('readable', onEvent);
  stream.on('end', onEvent);
  stream.on('close', onEvent);
  try {
    for (;;) {
      if (failure) throw failure;
      const batch: T[] = [];
      let item: T | null;
      while ((item = stream.read() as T | null) !== null) batch.push(item);
      if (batch.length) {
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (stream.readableEnded || stream.destroyed) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stream.off('error', onError);
    stream.off('readable', onEvent);
    stream.off('end', onEvent);
    stream.off('close', onEvent);
  }
}
