/**
 * Approximate 2025 average exchange rates (US dollars per unit), used only when the workspace has no
 * rate of its own for a currency, so that an export in a common currency can be imported and counted
 * before the seller supplies FX. Every figure converted with these is flagged `approximate` in the
 * output; import an FX file (docs/formats.md) for exact amounts. A currency missing here and from the
 * workspace stops the import (docs/formats.md).
 */
export const REFERENCE_USD_PER_UNIT: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.13,
  GBP: 1.32,
  JPY: 0.0067,
  CNY: 0.139,
  HKD: 0.128,
  TWD: 0.032,
  KRW: 0.00071,
  SGD: 0.77,
  MYR: 0.23,
  THB: 0.03,
  IDR: 0.000061,
  PHP: 0.0175,
  VND: 0.000039,
  INR: 0.0116,
  BDT: 0.0082,
  AUD: 0.65,
  NZD: 0.58,
  CAD: 0.72,
  MXN: 0.052,
  BRL: 0.18,
  CLP: 0.00105,
  COP: 0.00025,
  PEN: 0.27,
  ZAR: 0.055,
  AED: 0.2723,
  SAR: 0.2667,
  TRY: 0.026,
  PLN: 0.27,
  CZK: 0.045,
  HUF: 0.0028,
  SEK: 0.1,
  NOK: 0.096,
  DKK: 0.151,
  CHF: 1.22,
};
