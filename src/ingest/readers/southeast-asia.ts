import { sqlString } from '../fields.js';

/**
 * What Shopee and Lazada leave unsaid. Their exports are per regional shop and carry no currency
 * column: the currency is the shop's, implied by the market (Shopee sometimes writes it in a header
 * suffix, `Total Discount(PHP)`).
 */
export const CURRENCY_OF_MARKET: Readonly<Record<string, string>> = {
  MY: 'MYR',
  SG: 'SGD',
  TH: 'THB',
  VN: 'VND',
  PH: 'PHP',
  ID: 'IDR',
  BR: 'BRL',
  MX: 'MXN',
  TW: 'TWD',
  CO: 'COP',
  CL: 'CLP',
};

/** SQL: the currency of a market code expression, NULL for a market not listed. */
export function currencyOfMarket(market: string): string {
  const whens = Object.entries(CURRENCY_OF_MARKET)
    .map(([m, cur]) => `WHEN ${sqlString(m)} THEN ${sqlString(cur)}`)
    .join(' ');
  return `CASE ${market} ${whens} END`;
}

/** The market a shop currency implies (`PHP` → PH), for exports without a country column. */
export function marketOfCurrency(currency: string): string | undefined {
  return Object.entries(CURRENCY_OF_MARKET).find(([, cur]) => cur === currency)?.[0];
}
