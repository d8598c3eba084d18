/**
 * Readable text on the merchant's accent: black on light colours, white on
 * dark (YIQ brightness). One rule for the storefront popup and the admin's
 * settings preview, so the preview shows the button the shopper will see.
 */
export function onColour(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return ((n >> 16) * 299 + ((n >> 8) & 255) * 587 + (n & 255) * 114) / 1000 > 150 ? "#000" : "#fff";
}
