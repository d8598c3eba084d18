/** Money in the shopper's currency and language; amounts are minor units (Shopify's Ajax API uses cents for every currency). */
export function moneyFormatter(locale: string, currency: string): (minor: number) => string {
  const f = new Intl.NumberFormat(locale, { style: "currency", currency });
  return (minor) => f.format(minor / 100);
}

/** Readable text on the merchant's accent: black on light colours, white on dark (YIQ brightness). */
export function onColour(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return ((n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114) / 1000 > 150 ? "#000" : "#fff";
}
