/**
 * Money as every face shows it: the report, the dashboard, the CLI's take-aways and the plan's
 * actions. Whole units, except an amount under 10 with cents (a unit cost of $4.50), which keeps
 * them: `$5`, `$4.50`, `$1,235`. Under half a cent is zero, as differences of sums leave rounding
 * dust (−1e-12) that must not print as "−$0.00".
 */
export function moneyFormat(lang: string, currency: string): (amount: number) => string {
  const whole = currencyFormat(lang, currency, 0);
  const cents = currencyFormat(lang, currency, 2);
  return (amount) => {
    const v = Math.abs(amount) < 0.005 ? 0 : amount;
    return Math.abs(v) < 10 && Math.round(v * 100) % 100 !== 0 ? cents(v) : whole(v);
  };
}

/** One amount in English (the CLI's and the plan's sentences); `moneyFormat` for many. */
export function formatMoney(amount: number, currency: string): string {
  return moneyFormat('en', currency)(amount);
}

function currencyFormat(lang: string, currency: string, digits: number): (amount: number) => string {
  const fraction = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  try {
    const format = new Intl.NumberFormat(lang, { ...fraction, style: 'currency', currency });
    return (amount) => format.format(amount);
  } catch {
    // A code Intl refuses as a currency: the number, then the code as given.
    const format = new Intl.NumberFormat(lang, fraction);
    return (amount) => `${format.format(amount)} ${currency}`;
  }
}
