import { Badge, BlockStack, Button, Divider, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { fractionDigits, toDecimalString } from "@tactful/engine/money";
import { ONE_CLICK_MAX_QUANTITY, type OneClickOffer } from "@tactful/engine/post-purchase";
import { stringsFor } from "@tactful/engine/post-purchase-strings";

/*
 * The editor's preview of Shopify's post-purchase page (issue 17): what the
 * extension (extensions/tactful-post-purchase/src/render.ts) draws for the
 * offer its server presents, laid out as that page is. The admin may not
 * import the extension or the demo checkout's host that runs it (decision
 * 0064), so this is the same content in Polaris: the offer the page's server
 * would present (presentOneClick, over the sample cart as the paid order), the
 * page's own words in the preview's language, amounts in the shop currency.
 * Taxes and shipping exist only once Shopify calculates the change for the
 * shopper's order, so the totals are a sample and say so. The buttons do
 * nothing here.
 */

export interface OneClickPreviewData {
  offer: OneClickOffer;
  locale: string;
  dir: "ltr" | "rtl";
}

const CSS = `
.tactful-pp{border:1px solid var(--p-color-border);border-radius:var(--p-border-radius-200);background:#fafafa;padding:var(--p-space-400)}
.tactful-pp-layout{display:grid;gap:var(--p-space-400);grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));align-items:start}
.tactful-pp-image{width:100%;max-inline-size:18rem;margin-inline:auto;aspect-ratio:1;object-fit:cover;border-radius:var(--p-border-radius-200);border:1px solid var(--p-color-border);background:#fff;display:block}
.tactful-pp-noimage{width:100%;max-inline-size:18rem;margin-inline:auto;aspect-ratio:1;border-radius:var(--p-border-radius-200);border:1px dashed var(--p-color-border);display:grid;place-items:center}
.tactful-pp-callout{background:#eef4ff;border-radius:var(--p-border-radius-200);padding:var(--p-space-300);text-align:center}
.tactful-pp-row{display:flex;justify-content:space-between;gap:var(--p-space-300)}
`;

export function PostPurchasePreview({ data }: { data: OneClickPreviewData }) {
  const { offer, locale, dir } = data;
  const s = stringsFor(locale);
  const [itemIndex, setItemIndex] = useState(0);
  const [variantId, setVariantId] = useState("");
  const [quantity, setQuantity] = useState(1);
  const item = offer.items[itemIndex] ?? offer.items[0];
  if (!item) return null;
  // As the page does: the first variant one click may add, unless the merchant picked another.
  const variant = item.variants.find((v) => v.id === variantId) ?? item.variants.find((v) => v.maxQuantity > 0) ?? item.variants[0];
  if (!variant) return null;
  const count = Math.min(quantity, Math.max(variant.maxQuantity, 1));
  const money = (minor: number) => new Intl.NumberFormat(locale, { style: "currency", currency: offer.currency }).format(Number(toDecimalString(minor, fractionDigits(offer.currency))));
  const subtotal = money(variant.discountedPrice * count);
  const notYet = "—";

  return (
    <BlockStack gap="200">
      <style>{CSS}</style>
      <div className="tactful-pp" dir={dir} lang={locale} data-testid="post-purchase-preview">
        <BlockStack gap="400">
          {offer.discountPercent ? (
            <div className="tactful-pp-callout">
              <Text as="p" variant="headingSm">
                {offer.content.headline}
              </Text>
              <Text as="p">{s.off(offer.discountPercent)}</Text>
            </div>
          ) : null}
          <div className="tactful-pp-layout">
            {item.image ? (
              <img className="tactful-pp-image" src={item.image.url} alt={item.image.alt} />
            ) : (
              <div className="tactful-pp-noimage">
                <Text as="span" tone="subdued" variant="bodySm">
                  {item.title}
                </Text>
              </div>
            )}
            <BlockStack gap="300">
              <Text as="h3" variant="headingLg">
                {offer.content.headline}
              </Text>
              <Text as="p">{offer.content.body}</Text>
              {offer.items.length > 1 ? (
                <Select
                  label={s.product}
                  options={offer.items.map((it, i) => ({ value: String(i), label: it.title }))}
                  value={String(itemIndex)}
                  onChange={(v) => {
                    setItemIndex(Number(v));
                    setVariantId("");
                    setQuantity(1);
                  }}
                />
              ) : (
                <Text as="p" variant="bodyLg" fontWeight="semibold">
                  {item.title}
                </Text>
              )}
              <p data-testid="post-purchase-price">
                {variant.discountedPrice < variant.price && (
                  <>
                    <Text as="span" tone="subdued" textDecorationLine="line-through">
                      {money(variant.price)}
                    </Text>{" "}
                  </>
                )}
                <Text as="span" fontWeight="semibold">
                  {money(variant.discountedPrice)}
                </Text>
                {offer.discountPercent ? (
                  <>
                    {" "}
                    <Text as="span" tone="success">
                      {s.off(offer.discountPercent)}
                    </Text>
                  </>
                ) : null}
              </p>
              {item.variants.length > 1 && (
                <Select
                  label={s.variant}
                  options={item.variants.map((v) => ({ value: v.id, label: v.title, disabled: v.maxQuantity === 0 }))}
                  value={variant.id}
                  onChange={(v) => {
                    setVariantId(v);
                    setQuantity(1);
                  }}
                />
              )}
              {variant.maxQuantity > 1 && (
                <Select
                  label={s.quantity}
                  options={Array.from({ length: variant.maxQuantity }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
                  value={String(count)}
                  onChange={(v) => setQuantity(Number(v))}
                />
              )}
              {offer.endsAt !== null && (
                <Text as="p" tone="subdued">
                  {s.endsOn(new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(offer.endsAt))}
                </Text>
              )}
              <Divider />
              <BlockStack gap="100">
                <div className="tactful-pp-row">
                  <Text as="span">{s.subtotal}</Text>
                  <Text as="span">{subtotal}</Text>
                </div>
                <div className="tactful-pp-row">
                  <Text as="span">{s.shipping}</Text>
                  <Text as="span" tone="subdued">
                    {notYet}
                  </Text>
                </div>
                <div className="tactful-pp-row">
                  <Text as="span">{s.taxes}</Text>
                  <Text as="span" tone="subdued">
                    {notYet}
                  </Text>
                </div>
                <div className="tactful-pp-row">
                  <Text as="span" fontWeight="semibold">
                    {s.total}
                  </Text>
                  <Text as="span" tone="subdued">
                    {notYet}
                  </Text>
                </div>
              </BlockStack>
              <BlockStack gap="200">
                <Button variant="primary" size="large" fullWidth disabled={variant.maxQuantity === 0}>
                  {s.pay(subtotal)}
                </Button>
                <Button variant="plain" fullWidth>
                  {s.decline}
                </Button>
              </BlockStack>
            </BlockStack>
          </div>
        </BlockStack>
      </div>
      <InlineStack gap="200" blockAlign="center" wrap={false}>
        <Badge tone="info">Sample totals</Badge>
        <Text as="p" variant="bodySm" tone="subdued">
          Shipping and taxes are calculated by Shopify at checkout, for the shopper&apos;s address. On the real page they are added to the totals and to the Pay now amount.
        </Text>
      </InlineStack>
      {variant.maxQuantity > 1 && (
        <Text as="p" variant="bodySm" tone="subdued">
          {`Up to ${variant.maxQuantity} can be added in one click: the most your price cap allows on this sample order (at most ${ONE_CLICK_MAX_QUANTITY}).`}
        </Text>
      )}
    </BlockStack>
  );
}
