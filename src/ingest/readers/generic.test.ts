import { readerContract } from '../../../test/reader-contract.js';

// Expected figures worked by hand from the fixture rows (cancelled lines carry no units or gross).
readerContract({
  format: 'generic',
  fixtures: [
    {
      // G-1001: 2×12.50 + 1×8.00 = 33.00; G-1004: 4×1,000.25 = 4,001.00; G-1003 cancelled → 0.
      file: 'generic/optional-columns-crlf.csv',
      expected: { orders: 4, lines: 5, units: 10, gross: { USD: 4034.0, EUR: 33.0 } },
    },
    {
      // The same SKU twice in one order is two lines (key: SKU + occurrence), not one.
      file: 'generic/minimal-no-final-newline-repeated-sku.csv',
      expected: { orders: 2, lines: 3, units: 4, gross: { USD: 34.5 } },
    },
  ],
  sample: {
    rows: [
      ['order_id', 'order_date', 'sku', 'quantity', 'unit_price', 'currency', 'channel', 'market'],
      ['S-1', '2024-06-01', 'TEE-1', '1', '15.00', 'USD', 'shopify', 'US'],
      ['S-2', '2024-06-02', 'TEE-2', '2', '9.50', 'USD', 'shopify', 'US'],
      ['S-3', '2024-06-03', 'TEE-1', '1', '15.00', 'USD', 'shopify', 'US'],
    ],
    headerRow: 0,
    layout: { kind: 'csv' },
    amount: 'unit_price',
    date: 'order_date',
    text: 'sku',
  },
});
