/**
 * The channels Ballast has a reader for, by the id each stores on its lines. A reader's `channel` is
 * typed from this list, and the report's catalogues name every entry in each language
 * (report/messages.ts), so a new reader's channel fails `tsc` until the report can name it.
 * Channels that reach the workspace only inside another channel's export (the marketplaces Shopify
 * carries, readers/shopify-marketplaces.ts) or through the generic CSV are not readers' channels.
 */
export const CHANNELS = [
  'amazon',
  'tiktok-shop',
  'shopify',
  'temu',
  'shein',
  'ebay',
  'etsy',
  'walmart',
  'woocommerce',
  'mercadolibre',
  'shopee',
  'lazada',
] as const;
export type Channel = (typeof CHANNELS)[number];
