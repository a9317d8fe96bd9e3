import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

/**
 * The one country-name table every reader looks buyers' countries up in (`bl_country`). Names come
 * from the i18n-iso-countries dataset (maintained, with every official and common English name, and
 * names in the languages sellers' exports are written in), then from ICU (`Intl.DisplayNames`, whose
 * names differ: `Hong Kong SAR China`, `Bosnia & Herzegovina`), then the aliases below, which are the
 * names exports were seen to use that neither source gives.
 *
 * Names are matched on a key: lower case, accents and marks dropped, typographic apostrophes straight,
 * spaces collapsed, so `Curacao`, `Curaçao` and `CURAÇAO` are one name. `bl_country_key` in the SQL
 * prelude computes the same key from a cell.
 */
const LANGUAGES = [
  'en',
  'es',
  'pt',
  'zh',
  'de',
  'fr',
  'it',
  'nl',
  'ja',
  'id',
  'ms',
  'th',
  'vi',
  'ko',
] as const;

/** Names seen in exports that the datasets do not give (or give to another code). */
const ALIASES: Record<string, string> = {
  // English: old names, short names and the spellings of marketplaces' country pickers.
  america: 'US',
  'united states of america (the)': 'US',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
  korea: 'KR',
  'hong kong sar': 'HK',
  'hong kong s.a.r.': 'HK',
  'hong kong, china': 'HK',
  'hong kong (china)': 'HK',
  macau: 'MO',
  'macau sar': 'MO',
  'macao sar': 'MO',
  'macau, china': 'MO',
  'macao, china': 'MO',
  'taiwan, china': 'TW',
  'mainland china': 'CN',
  "people's republic of china": 'CN',
  'trinidad & tobago': 'TT',
  'antigua & barbuda': 'AG',
  'bosnia & herzegovina': 'BA',
  'bosnia-herzegovina': 'BA',
  'st kitts and nevis': 'KN',
  'st. kitts and nevis': 'KN',
  'saint kitts & nevis': 'KN',
  'st vincent and the grenadines': 'VC',
  'st. vincent and the grenadines': 'VC',
  'saint vincent & the grenadines': 'VC',
  'st. lucia': 'LC',
  'st lucia': 'LC',
  'turks & caicos islands': 'TC',
  'turks and caicos': 'TC',
  'ivory coast': 'CI',
  swaziland: 'SZ',
  macedonia: 'MK',
  'republic of macedonia': 'MK',
  'fyr macedonia': 'MK',
  kosovo: 'XK',
  burma: 'MM',
  'east timor': 'TL',
  'cape verde': 'CV',
  czechia: 'CZ',
  uae: 'AE',
  'the bahamas': 'BS',
  'the gambia': 'GM',
  'vatican city': 'VA',
  congo: 'CG',
  'congo, democratic republic of the': 'CD',
  'democratic republic of congo': 'CD',
  'dr congo': 'CD',
  'us virgin islands': 'VI',
  'u.s. virgin islands': 'VI',
  'british virgin islands': 'VG',
  'saint martin': 'MF',
  'sint maarten (dutch part)': 'SX',
  'caribbean netherlands': 'BQ',
  // Spanish and Portuguese spellings without the dataset's article or accent choice.
  'estados unidos de america': 'US',
  eeuu: 'US',
  'ee.uu.': 'US',
  eua: 'US',
  // i18n-iso-countries 7.x swaps the two Congos in Portuguese: the Democratic Republic is CD.
  'republica democratica do congo': 'CD',
  'republica popular do congo': 'CG',
  'republica do congo': 'CG',
  brasil: 'BR',
  mexico: 'MX',
  // Chinese: the long official names exports and platforms write besides the short dataset names.
  中国香港: 'HK',
  中国香港特别行政区: 'HK',
  香港特别行政区: 'HK',
  中國香港: 'HK',
  中国澳门: 'MO',
  中国澳门特别行政区: 'MO',
  澳门特别行政区: 'MO',
  澳門: 'MO',
  中国台湾: 'TW',
  台湾: 'TW',
  臺灣: 'TW',
  台灣: 'TW',
  中国大陆: 'CN',
  美國: 'US',
  英國: 'GB',
  波斯尼亚和黑塞哥维那: 'BA',
  刚果民主共和国: 'CD',
  刚果共和国: 'CG',
  科索沃: 'XK',
  // Thai exports (Lazada TH, Shopee TH) write the country with its word for country, ประเทศ.
  ประเทศไทย: 'TH',
};

/**
 * Codes ICU names that are no country a buyer lives in today (retired, or groupings). XK (Kosovo) is
 * user-assigned but is what marketplaces and the dataset use, so it stays.
 */
const NOT_COUNTRIES = new Set(
  'DD YU CS SU ZR TP BU NT YD FX QO EU EZ UN ZZ XA XB AN UK DY HV NH VD RH'.split(' '),
);

/** The lookup key of a country name; `bl_country_key` in sql-prelude.ts must compute the same. */
export function countryKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

let table: Map<string, string> | undefined;

/**
 * Key → ISO 3166 alpha-2 code. A name two codes share in one language (`Congo` for both Congos in the
 * dataset's English) is left out unless an alias decides it; names from a lower source never replace
 * a higher one's (the dataset's English, then every other language, then ICU).
 */
export function countryTable(): ReadonlyMap<string, string> {
  if (table) return table;
  const rows = new Map<string, string>();
  const require = createRequire(import.meta.url);
  for (const lang of LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  const codes = Object.keys(countries.getAlpha2Codes());
  for (const code of codes) rows.set(code.toLowerCase(), code);
  // Alpha-3 codes (`USA`, `HKG`) are what some marketplaces write.
  for (const [alpha3, code] of Object.entries(countries.getAlpha3Codes()))
    rows.set(alpha3.toLowerCase(), code);
  const add = (names: Map<string, Set<string>>) => {
    for (const [key, owners] of names) if (owners.size === 1 && !rows.has(key)) rows.set(key, [...owners][0]);
  };
  for (const lang of LANGUAGES) {
    const names = new Map<string, Set<string>>();
    for (const [code, list] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of list) {
        const key = countryKey(name);
        names.set(key, (names.get(key) ?? new Set()).add(code));
      }
    }
    add(names);
  }
  for (const lang of [...LANGUAGES, 'zh-Hant']) {
    const namer = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    const names = new Map<string, Set<string>>();
    for (const code of codes) {
      const name = namer.of(code);
      if (name && !NOT_COUNTRIES.has(code)) names.set(countryKey(name), new Set([code]));
    }
    add(names);
  }
  for (const [name, code] of Object.entries(ALIASES)) rows.set(countryKey(name), code);
  table = rows;
  return rows;
}

/** The table as rows for `bl_countries` (key, code). */
export function countryRows(): Array<[string, string]> {
  return [...countryTable()];
}

/** ISO code of a country name or code as an export writes it, or undefined. */
export function countryCode(name: string): string | undefined {
  return countryTable().get(countryKey(name));
}
