/** Money in the shopper's currency and language; amounts are minor units (Shopify's Ajax API uses cents for every currency). */
export function moneyFormatter(locale: string, currency: string): (minor: number) => string {
  const f = new Intl.NumberFormat(locale, { style: "currency", currency });
  return (minor) => f.format(minor / 100);
}
