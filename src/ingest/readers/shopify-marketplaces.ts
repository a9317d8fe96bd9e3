import { sqlString } from '../fields.js';

/**
 * Orders other marketplaces push into Shopify, and how a Shopify export shows where each came from
 * (docs/formats/shopify.md, "Marketplace orders"). An order is moved to its marketplace only when the
 * export also gives that marketplace's own order id: the copy then counts until the marketplace's own
 * export brings the order (the `via` rule), and never twice. A marker without an id (a bare `Faire`
 * tag) leaves the order under shopify, since nothing could ever match it to the marketplace's export.
 *
 * The cells read are `Tags` (comma-separated) and `Note Attributes` (one `name: value` per line, the
 * order's additional details), both on an order's first row only.
 */
export interface Marketplace {
  channel: string;
  /** Names the connector writes before `Order ID` / `Order Number` (case-insensitive regex). */
  names: string;
}

/**
 * Connectors that name the marketplace in the attribute: Faire's order sync ("the Faire order number",
 * tags `Faire` and `Wholesale`) and Shopify's Marketplace Connect (Amazon, Walmart, eBay, Etsy, Target
 * Plus: the marketplace order id beside the Shopify order). Channel ids match the readers' own.
 */
export const MARKETPLACES: readonly Marketplace[] = [
  { channel: 'amazon', names: 'amazon' },
  { channel: 'walmart', names: 'walmart' },
  { channel: 'ebay', names: 'ebay' },
  { channel: 'etsy', names: 'etsy' },
  { channel: 'target-plus', names: 'target\\s*plus|target\\+' },
  { channel: 'faire', names: 'faire' },
  { channel: 'nordstrom', names: 'nordstrom' },
];

/** TikTok Shop's sync app tags the Shopify copy `TikTokOrderID:576828261362408179` (docs/formats/shopify.md). */
const TIKTOK_ORDER_TAG = 'TikTokOrderID:\\s*([0-9]+)';

/** `Order ID`, `Order Number`, `Order No.`, `Order #`, `PO Number` after a marketplace name, then `:` or `=`. */
const ID_WORDS = '(?:order|purchase\\s*order|po)\\s*(?:id|number|no\\.?|#)?';
const ID = '([A-Za-z0-9][A-Za-z0-9_-]*)';

/**
 * Mirakl Connect's Shopify connector (Nordstrom and the other Mirakl marketplaces) writes the
 * marketplace in `Order Placed From` and its order number in `Order ID`, and tags `Mirakl`.
 */
const MIRAKL_FROM = '(?im)^\\s*order placed from\\s*:\\s*(.*?)\\s*$';
const MIRAKL_ID = `(?im)^\\s*order id\\s*:\\s*${ID}`;

/** A marketplace name as a channel id: `Nordstrom` → nordstrom, `Shop Simon` → shop-simon. */
const slug = (name: string) => `trim(regexp_replace(lower(${name}), '[^a-z0-9]+', '-', 'g'), '-')`;

/**
 * SQL for the channel and the marketplace order id of a synced copy, from the first-row cells
 * (SQL expressions, NULL when absent). Both are NULL for a Shopify order.
 */
export function marketplaceOf(tags: string, notes: string): { channel: string; orderId: string } {
  const both = `coalesce(${tags}, '') || chr(10) || coalesce(${notes}, '')`;
  const extract = (cell: string, pattern: string) =>
    `nullif(regexp_extract(${cell}, ${sqlString(pattern)}, 1), '')`;
  const rules: Array<{ channel: string; orderId: string }> = [
    { channel: sqlString('tiktok-shop'), orderId: extract(`coalesce(${tags}, '')`, TIKTOK_ORDER_TAG) },
    ...MARKETPLACES.map((m) => ({
      channel: sqlString(m.channel),
      orderId: extract(both, `(?i)(?:^|[\\s,;])(?:${m.names})\\s*${ID_WORDS}\\s*[:=]\\s*${ID}`),
    })),
    {
      channel: `CASE WHEN contains(lower(${extract(`coalesce(${notes}, '')`, MIRAKL_FROM)}), 'nordstrom') THEN 'nordstrom'
        ELSE ${slug(extract(`coalesce(${notes}, '')`, MIRAKL_FROM))} END`,
      orderId: `CASE WHEN ${extract(`coalesce(${notes}, '')`, MIRAKL_FROM)} IS NOT NULL THEN ${extract(`coalesce(${notes}, '')`, MIRAKL_ID)} END`,
    },
  ];
  const found = (r: { orderId: string }) => `${r.orderId} IS NOT NULL`;
  return {
    channel: `CASE ${rules.map((r) => `WHEN ${found(r)} THEN ${r.channel}`).join(' ')} END`,
    orderId: `coalesce(${rules.map((r) => r.orderId).join(', ')})`,
  };
}
