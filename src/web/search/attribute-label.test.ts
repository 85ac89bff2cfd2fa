import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { nb } from '../i18n/nb';
import { attributeLabel } from './attribute-label';

beforeAll(async () => {
  await i18n.init({ lng: 'nb', resources: { nb: { translation: nb }, en: { translation: en } } });
});

describe('attribute labels', () => {
  it('says known attribute names in bokmål and English', () => {
    expect(['ecolabel', 'farge', 'format'].map((n) => attributeLabel(n, i18n.getFixedT('nb')))).toEqual(['Miljømerke', 'Farge', 'Format']);
    expect(['ecolabel', 'farge', 'size'].map((n) => attributeLabel(n, i18n.getFixedT('en')))).toEqual(['Eco-label', 'Colour', 'Size']);
  });

  it('shows an unknown attribute by the name the catalogue gave it', () => {
    expect(attributeLabel('papirvekt', i18n.getFixedT('nb'))).toBe('papirvekt');
  });
});
