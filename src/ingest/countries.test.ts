import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../engine.js';
import { figures, fixture, newDb, tempDir } from '../../test/workspace.js';
import { countryCode, countryTable } from './countries.js';

const dir = tempDir();

/** Lines per market after importing one file, and the rows it could not read. */
async function marketsOf(file: string) {
  const db = newDb(dir);
  await engine.importFiles(db, [file]);
  const report = await engine.status(db);
  const markets: Record<string, number> = {};
  for (const t of report.totals) markets[t.market] = (markets[t.market] ?? 0) + t.lines;
  return { markets, report, rejects: (await engine.rejectsOf(db)).rejects };
}

describe('country names', () => {
  it('reads the full English names Etsy writes, which ICU spells otherwise', async () => {
    // One order each, Order Value 10.00 … 23.00: 14 orders, 14 units, 10 + … + 23 = 14 × 16.5 = 231.00.
    const { markets, report, rejects } = await marketsOf(
      fixture('etsy/orders-full-english-country-names.csv'),
    );
    expect(rejects).toEqual([]);
    expect(figures(report)).toEqual({ orders: 14, lines: 14, units: 14, gross: { USD: 231.0 } });
    expect(Object.keys(markets).sort()).toEqual(
      ['HK', 'MO', 'TT', 'AG', 'BA', 'KN', 'VC', 'TC', 'CI', 'CW', 'RE', 'SZ', 'MK', 'XK'].sort(),
    );
  });

  // Ten orders each, quantities 1, 2, 3, 1, 2, 3, … at 10.00 … 19.00: 19 units, 277.00 (worked in the
  // fixtures' order: 10 + 22 + 36 + 13 + 28 + 45 + 16 + 34 + 54 + 19).
  const tenOrders = { orders: 10, lines: 10, units: 19, gross: { USD: 277.0 } };
  const cases = {
    spanish: { US: 1, MX: 1, ES: 1, GB: 1, CI: 1, NL: 1, TT: 1, BA: 1, PE: 1, CL: 1 },
    portuguese: { BR: 1, US: 1, GB: 1, DE: 1, CI: 1, MZ: 1, MO: 1, GW: 1, NL: 1, JP: 1 },
    // 中国香港 and 香港 are both Hong Kong.
    chinese: { US: 1, GB: 1, HK: 2, MO: 1, DE: 1, JP: 1, SG: 1, MY: 1, CI: 1 },
  };
  for (const [language, expected] of Object.entries(cases)) {
    it(`reads country names written in ${language}`, async () => {
      const { markets, report, rejects } = await marketsOf(fixture(`generic/country-names-${language}.csv`));
      expect(rejects).toEqual([]);
      expect(figures(report)).toEqual(tenOrders);
      expect(markets).toEqual(expected);
    });
  }

  it('keeps the names and codes earlier readers relied on', () => {
    const names: Record<string, string> = {
      USA: 'US',
      'U.S.A.': 'US',
      'United States of America': 'US',
      UK: 'GB',
      'United Kingdom': 'GB',
      'The Netherlands': 'NL',
      'Korea, Republic of': 'KR',
      'South Korea': 'KR',
      'Russian Federation': 'RU',
      'Viet Nam': 'VN',
      'Hong Kong SAR China': 'HK',
      'Czech Republic': 'CZ',
      UAE: 'AE',
      Türkiye: 'TR',
      Deutschland: 'DE',
      Brasil: 'BR',
      España: 'ES',
      'Côte d’Ivoire': 'CI',
      CURAÇAO: 'CW',
      'Trinidad & Tobago': 'TT',
      HKG: 'HK',
      'República Democrática do Congo': 'CD',
      Congo: 'CG',
      Benin: 'BJ',
      Vanuatu: 'VU',
      Zimbabwe: 'ZW',
    };
    expect(Object.fromEntries(Object.keys(names).map((n) => [n, countryCode(n)]))).toEqual(names);
    expect(countryCode('Atlantis')).toBeUndefined();
  });

  // The table is keyed in JavaScript and looked up by a DuckDB macro: both must fold a name the same
  // way (accents, marks, Hangul, apostrophes), or a name in the table could never be found.
  it('finds every name of the table through an import', async () => {
    const names = [...countryTable().keys()];
    const csv = names.map((n, i) => `K-${i},2025-01-01,S,1,1.00,USD,web,"${n.replaceAll('"', '""')}"`);
    const path = join(dir, 'every-country-name.csv');
    writeFileSync(
      path,
      ['order_id,order_date,sku,quantity,unit_price,currency,channel,market', ...csv].join('\n') + '\n',
    );
    const { markets, rejects } = await marketsOf(path);
    expect(rejects).toEqual([]);
    const expected: Record<string, number> = {};
    for (const code of countryTable().values()) expected[code] = (expected[code] ?? 0) + 1;
    expect(markets).toEqual(expected);
  });
});
