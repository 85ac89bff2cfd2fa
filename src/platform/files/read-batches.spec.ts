import { PassThrough, Readable } from 'node:stream';
import { readBatches } from './read-batches';

describe('readBatches', () => {
  it('yields everything buffered at once and ends with the stream', async () => {
    const stream = Readable.from([1, 2, 3, 4, 5]);
    const seen: number[] = [];
    for await (const batch of readBatches<number>(stream)) seen.push(...batch);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('throws an error the stream raised while the caller was busy with a batch', async () => {
    const stream = new PassThrough({ objectMode: true });
    stream.write('a');
    const batches = readBatches<string>(stream);
    expect((await batches.next()).value).toEqual(['a']);
    stream.destroy(new Error('disk gone'));
    await new Promise((r) => setImmediate(r));
    await expect(batches.next()).rejects.toThrow('disk gone');
  });

  it('waits for objects written later', async () => {
    const stream = new PassThrough({ objectMode: true });
    setTimeout(() => stream.write('late'), 10);
    setTimeout(() => stream.end(), 20);
    const seen: string[] = [];
    for await (const batch of readBatches<string>(stream)) seen.push(...batch);
    expect(seen).toEqual(['late']);
  });
});
