/**
 * Code lists the catalogue validation checks against.
 * ISO 4217: active currency codes. UN/ECE Recommendation 20: the full list PEPPOL accepts, the
 * codes of earlier revisions still in use, and the Rec 21 package codes with their "X" prefix
 * (XBX box, XPK pack …).
 */
import { REC20_CODES, REC20_LEGACY_CODES } from './rec20-units';

export const ISO_4217 = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK ' +
    'DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF ' +
    'KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK ' +
    'PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
    'USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

export const REC20_UNITS = new Set([...REC20_CODES, ...REC20_LEGACY_CODES]);

export function isUnitCode(code: string): boolean {
  return REC20_UNITS.has(code) || /^X[0-9A-Z]{2}$/.test(code);
}

/** Norwegian VAT rates in percent: standard, food, transport and similar, zero/exempt. */
export const NORWEGIAN_VAT_RATES = ['25', '15', '12', '0'];
