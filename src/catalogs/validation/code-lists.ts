/**
 * Code lists the catalogue validation checks against.
 * ISO 4217: active currency codes. UN/ECE Recommendation 20: the unit codes used in trade
 * documents (a working subset: counts, packaging, mass, volume, length, area, time) plus the
 * Rec 21 package codes with their "X" prefix (XBX box, XPK pack …) that PEPPOL allows as units.
 */
export const ISO_4217 = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK ' +
    'DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF ' +
    'KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK ' +
    'PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
    'USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

export const REC20_UNITS = new Set(
  (
    'EA C62 H87 NAR NPR PR SET KT PK BX CT CS DZN GRO HD TNE KGM GRM MGM MC LTR MLT CLT DLT CMQ MTQ DMQ MTR CMT MMT KMT DMT MTK CMK MMK HAR ' +
    'SEC MIN HUR DAY WEE MON ANN KWH WTT KWT MWH LM LUX CEL FAH BAR PAL NMP RO RL BG BO CA CN CR TU PA BE BJ SA SW ZZ E48 E49 E50 E51 E52 ' +
    'MTS KMH LPA IE TP QR GRT KTN D64 D97 ACR FOT INH YRD LBR ONZ GLL QT PT BLL STN LTN'
  ).split(' '),
);

export function isUnitCode(code: string): boolean {
  return REC20_UNITS.has(code) || /^X[0-9A-Z]{2}$/.test(code);
}

/** Norwegian VAT rates in percent: standard, food, transport and similar, zero/exempt. */
export const NORWEGIAN_VAT_RATES = ['25', '15', '12', '0'];
