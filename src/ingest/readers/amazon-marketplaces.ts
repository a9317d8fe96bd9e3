import { sqlString } from '../fields.js';
import type { ColumnRef, Field } from '../reader.js';

/**
 * Amazon marketplaces by domain: the buyer country each serves and the currency its reports use.
 * The All Orders report names it in `sales-channel` (`Amazon.de`); the transaction report in
 * `marketplace` (`amazon.de`) and nowhere else states a currency (its preamble "All amounts in USD"
 * is not data), so the domain is what says both (docs/formats/amazon.md).
 */
const MARKETPLACES: Readonly<Record<string, readonly [market: string, currency: string]>> = {
  'amazon.com': ['US', 'USD'],
  'amazon.ca': ['CA', 'CAD'],
  'amazon.com.mx': ['MX', 'MXN'],
  'amazon.com.br': ['BR', 'BRL'],
  'amazon.co.uk': ['GB', 'GBP'],
  'amazon.de': ['DE', 'EUR'],
  'amazon.fr': ['FR', 'EUR'],
  'amazon.it': ['IT', 'EUR'],
  'amazon.es': ['ES', 'EUR'],
  'amazon.nl': ['NL', 'EUR'],
  'amazon.com.be': ['BE', 'EUR'],
  'amazon.ie': ['IE', 'EUR'],
  'amazon.se': ['SE', 'SEK'],
  'amazon.pl': ['PL', 'PLN'],
  'amazon.com.tr': ['TR', 'TRY'],
  'amazon.ae': ['AE', 'AED'],
  'amazon.sa': ['SA', 'SAR'],
  'amazon.eg': ['EG', 'EGP'],
  'amazon.in': ['IN', 'INR'],
  'amazon.co.jp': ['JP', 'JPY'],
  'amazon.com.au': ['AU', 'AUD'],
  'amazon.sg': ['SG', 'SGD'],
  'amazon.co.za': ['ZA', 'ZAR'],
};

function lookup(ref: ColumnRef, pick: 0 | 1): string {
  const domain = `regexp_replace(lower(bl_text(${ref.sql})), '^www\\.', '')`;
  const whens = Object.entries(MARKETPLACES).map(
    ([name, entry]) => `WHEN ${sqlString(name)} THEN ${sqlString(entry[pick])}`,
  );
  return `CASE ${domain} ${whens.join(' ')} END`;
}

/** The buyer country of a marketplace domain; NULL for `Non-Amazon` (multi-channel fulfilment) and the unknown. */
export function marketOfMarketplace(ref: ColumnRef): Field {
  return { sql: lookup(ref, 0), raw: ref, expect: 'an Amazon marketplace like amazon.com' };
}

export function currencyOfMarketplace(ref: ColumnRef): Field {
  return { sql: lookup(ref, 1), raw: ref, expect: 'an Amazon marketplace like amazon.com' };
}
