import type { ReaderSpec } from './reader.js';
import { AMAZON_READERS } from './readers/amazon.js';
import { EBAY_READERS } from './readers/ebay.js';
import { ETSY_READERS } from './readers/etsy.js';
import { generic } from './readers/generic.js';
import { INPUT_READERS } from './readers/inputs.js';
import { LAZADA_READERS } from './readers/lazada.js';
import { MERCADOLIBRE_READERS } from './readers/mercadolibre.js';
import { SHEIN_READERS } from './readers/shein.js';
import { SHOPEE_READERS } from './readers/shopee.js';
import { SHOPIFY_READERS } from './readers/shopify.js';
import { TEMU_READERS } from './readers/temu.js';
import { TIKTOK_READERS } from './readers/tiktok.js';
import { WALMART_READERS } from './readers/walmart.js';
import { WOOCOMMERCE_READERS } from './readers/woocommerce.js';

/** Every format Ballast recognises. Detection scores signatures, so this order does not matter. */
export const READERS: readonly ReaderSpec[] = [
  ...SHOPIFY_READERS,
  ...AMAZON_READERS,
  ...TIKTOK_READERS,
  ...TEMU_READERS,
  ...SHEIN_READERS,
  ...ETSY_READERS,
  ...EBAY_READERS,
  ...WALMART_READERS,
  ...WOOCOMMERCE_READERS,
  ...MERCADOLIBRE_READERS,
  ...SHOPEE_READERS,
  ...LAZADA_READERS,
  generic,
  ...INPUT_READERS,
];
