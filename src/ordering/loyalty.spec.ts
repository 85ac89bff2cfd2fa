import { Money } from '../platform/money/money';
import { LineLoyalty } from './cart-line-kinds';
import { alternativePrefixes, decideLoyalty, saving, scopeReaches } from './loyalty';

const office = { id: 1, mandatory: true, scope: ['14110000', '44120000'] };
const it_ = { id: 3, mandatory: false, scope: ['43210000'] };
const chairsOnly = { id: 4, mandatory: true, scope: ['56112100'] };

describe('agreement loyalty of a free-text line', () => {
  it('refuses a line in a mandatory agreement’s category without a justification, naming the agreement', () => {
    expect(decideLoyalty('14111507', [office, it_], false)).toEqual({ refused: true, mandatory: [office] });
  });

  it('accepts it with a justification, flagged off-agreement with the covering agreements', () => {
    expect(decideLoyalty('14111507', [office, it_], true)).toEqual({ refused: false, loyalty: LineLoyalty.OFF_AGREEMENT, covering: [office] });
  });

  it('allows a line in a voluntary agreement’s category without justification, flagged off-agreement', () => {
    expect(decideLoyalty('43211708', [office, it_], false)).toEqual({ refused: false, loyalty: LineLoyalty.OFF_AGREEMENT, covering: [it_] });
  });

  it('leaves a line no agreement covers unflagged', () => {
    expect(decideLoyalty('50000000', [office, it_], false)).toEqual({ refused: false, loyalty: LineLoyalty.NOT_COVERED, covering: [] });
    expect(decideLoyalty('14111507', [], false)).toEqual({ refused: false, loyalty: LineLoyalty.NOT_COVERED, covering: [] });
  });

  it('matches by prefix at any level, and a broader category holding a mandatory scope does not step around it', () => {
    expect(scopeReaches(['44120000'], '44121618')).toBe(true); // family covers commodity
    expect(scopeReaches(['56112100'], '56112104')).toBe(true); // class covers commodity
    expect(scopeReaches(['56112100'], '56112200')).toBe(false); // a sibling class
    expect(scopeReaches(['56112100'], '56000000')).toBe(true); // the segment holds the class
    expect(decideLoyalty('56110000', [chairsOnly], false)).toMatchObject({ refused: true });
  });
});

describe('where alternatives are looked for', () => {
  it('goes commodity, class, family', () => {
    expect(alternativePrefixes('14111507')).toEqual(['14111507', '141115', '1411']);
    expect(alternativePrefixes('14111500')).toEqual(['141115', '1411']);
    expect(alternativePrefixes('14110000')).toEqual(['1411']);
    expect(alternativePrefixes('14000000')).toEqual([]);
  });
});

describe('saving', () => {
  it('is the requested price minus the item’s, per unit and for the rounded line', () => {
    const s = saving(Money.of('60', 'NOK'), Money.of('45.07', 'NOK'), '3')!;
    expect(s.perUnit.toDecimalString()).toBe('14.93');
    expect(s.forLine.toDecimalString()).toBe('44.79');
    expect(saving(Money.of('40', 'NOK'), Money.of('45.07', 'NOK'), '1')!.perUnit.toDecimalString()).toBe('-5.07');
  });
  it('is unknown across currencies', () => {
    expect(saving(Money.of('60', 'EUR'), Money.of('45.07', 'NOK'), '1')).toBeNull();
  });
});
