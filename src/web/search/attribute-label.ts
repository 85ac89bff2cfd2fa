import type { TFunction } from 'i18next';

/** A catalogue attribute's name in the user's language (search.attribute), or as the catalogue named it. */
export function attributeLabel(name: string, t: TFunction): string {
  return t(`search.attribute.${name}`, { defaultValue: name });
}
