import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { needShared, sharedData } from '../../test/support/shared-data';
import { UBL_SEQUENCES } from './ubl-sequences';
import { readUblRecords } from './ubl-xml-reader';
import { XmlElement } from './xml-element';

const SHARED = sharedData('peppol');
const EXAMPLES = SHARED.dir;
const describeShared = needShared('the element order tests on the published PEPPOL examples', SHARED) ? describe : describe.skip;

/** The whole document as one tree (every child of the root in the header: no record name matches). */
async function tree(file: string): Promise<XmlElement> {
  const head = readFileSync(file, 'latin1').slice(0, 2000);
  const [, root, ns] = /<(?:\w+:)?(\w+)[^>]*?\sxmlns="([^"]+)"/.exec(head.replace(/<\?xml[^>]*\?>/, ''))!;
  const children: XmlElement[] = [];
  for await (const e of readUblRecords(createReadStream(file), { root, namespace: ns, record: '-' })) if (e.type === 'header') children.push(...e.elements);
  return { name: root, attrs: {}, text: '', children, line: 1 };
}

/** Every parent whose children break the order of UBL_SEQUENCES, as "file: Parent > Child". */
function breaches(el: XmlElement, where: string, out: string[]) {
  const sequence = UBL_SEQUENCES[el.name];
  let last = -1;
  for (const c of el.children) {
    if (sequence) {
      const at = sequence.indexOf(c.name);
      if (at < 0 || at < last) out.push(`${where}: ${el.name} > ${c.name}${at < 0 ? ' (unknown)' : ''}`);
      last = Math.max(last, at);
    }
    breaches(c, where, out);
  }
}

describeShared('UBL_SEQUENCES, the element order the writer enforces', () => {
  it('agrees with every published PEPPOL / EHF example (all schema-valid UBL 2.1)', async () => {
    const out: string[] = [];
    let parentsChecked = 0;
    for (const folder of readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(EXAMPLES, folder.name)).filter((n) => n.endsWith('.xml'))) {
        const root = await tree(join(EXAMPLES, folder.name, f));
        const count = (e: XmlElement): number => (UBL_SEQUENCES[e.name] ? 1 : 0) + e.children.reduce((n, c) => n + count(c), 0);
        parentsChecked += count(root);
        breaches(root, `${folder.name}/${f}`, out);
      }
    }
    expect(out).toEqual([]);
    expect(parentsChecked).toBeGreaterThan(500);
  });
});
