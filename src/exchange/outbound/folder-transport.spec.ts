import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderTransport } from './folder-transport';
import { OutboundDelivery } from './outbound-transport';

const doc = (over: Partial<OutboundDelivery> = {}): OutboundDelivery => ({
  outboundId: '7',
  documentType: 'Order',
  documentId: 'PO-1',
  receiver: { schemeId: '0192', value: '987654325' },
  sender: { schemeId: '0192', value: '123456785' },
  xml: '<?xml version="1.0" encoding="UTF-8"?>\n<Order>Blåbær æøå</Order>\n',
  ...over,
});

describe('FolderTransport', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'torg-folder-transport-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes one file per document, with exactly its content, leaving no temporary file, creating the folder', async () => {
    const folder = join(root, 'outbound', 'ap');
    const result = await new FolderTransport(folder).deliver(doc());
    expect(result).toEqual({ reference: 'Order_PO-1_7.xml' });
    expect(await readdir(folder)).toEqual(['Order_PO-1_7.xml']);
    expect(await readFile(join(folder, 'Order_PO-1_7.xml'), 'utf8')).toBe(doc().xml);
  });

  it('leaves an identical file as it is when delivering again, and replaces a different one whole', async () => {
    const transport = new FolderTransport(root);
    await transport.deliver(doc());
    const path = join(root, 'Order_PO-1_7.xml');
    const before = await stat(path);
    await new Promise((r) => setTimeout(r, 20));
    await transport.deliver(doc());
    expect((await stat(path)).ino).toBe(before.ino); // not rewritten
    await writeFile(path, '<Order>half</Ord');
    await transport.deliver(doc());
    expect(await readFile(path, 'utf8')).toBe(doc().xml);
    expect(await readdir(root)).toEqual(['Order_PO-1_7.xml']);
  });

  it('keeps a hostile document id inside the folder', async () => {
    const folder = join(root, 'drop');
    await new FolderTransport(folder).deliver(doc({ documentId: '../../escaped' }));
    expect(await readdir(folder)).toEqual(['Order_escaped_7.xml']);
    expect(await readdir(root)).toEqual(['drop']);
  });

  it('throws when it cannot write, leaving nothing behind', async () => {
    const notAFolder = join(root, 'file');
    await writeFile(notAFolder, 'x');
    await expect(new FolderTransport(notAFolder).deliver(doc())).rejects.toThrow(/EEXIST|ENOTDIR/);
    await expect(new FolderTransport(join(notAFolder, 'below')).deliver(doc())).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(await readdir(root)).toEqual(['file']);
  });
});
