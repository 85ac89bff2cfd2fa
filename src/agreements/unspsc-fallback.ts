import { registerEnumType } from '@nestjs/graphql';

/**
 * How the agreement's catalogues take a UNSPSC code that is not in the code set (retired, or
 * newer than the set Torg holds). The purchasing unit decides; STRICT until it says otherwise.
 */
export enum UnspscFallback {
  /** The line is refused: "is not a known UNSPSC code". */
  STRICT = 'STRICT',
  /** The item is classified at the code's nearest existing class, else family, with a warning naming both codes. */
  NEAREST_LEVEL = 'NEAREST_LEVEL',
}

registerEnumType(UnspscFallback, {
  name: 'UnspscFallback',
  description: 'How an agreement’s catalogues take a UNSPSC code that is not in the code set.',
  valuesMap: {
    STRICT: { description: 'Refuse the line (the default).' },
    NEAREST_LEVEL: { description: 'Accept it at its nearest existing class, else family, and warn with both codes.' },
  },
});
