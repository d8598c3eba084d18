import { Badge, Banner, BlockStack, Box, Button, ButtonGroup, Card, Checkbox, InlineStack, List, Select, Spinner, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { MOMENTS } from "@tactful/engine/types";
import { MOMENT_LABEL, SOURCE_LABEL } from "./offer-labels";
import type { OfferPayload } from "./offer-form";
import { pickProducts } from "./pickers";
import { HiddenReasons } from "./HiddenReasons";
import type { HiddenReason } from "../offers/hidden-reasons";
import { PostPurchasePreview, type OneClickPreviewData } from "./offer-editor/PostPurchasePreview";

/** One line of the merchant's sample cart (never saved). */
export interface SampleLine {
  productId: string;
  variantId: string;
  title: string;
  quantity: string;
}

type PreviewAnswer =
  | {
      ok: true;
      show: boolean;
      reasons: HiddenReason[];
      srcdoc: string;
      assetMissing: boolean;
      cartTotal: number;
      moment: string;
      oneClick: OneClickPreviewData | null;
      chosen?: { title: string; source: keyof typeof SOURCE_LABEL }[];
      automatic?: boolean;
      /** Why Shopify's recommendations are missing from this preview; null when they were read or not asked for. */
      shopifyUnavailable?: string | null;
    }
  | { ok: false; errors: Record<string, string> };

/** The popup shows at every moment but one; after payment the shopper sees Shopify's post-purchase page instead (issue 17). */
const POPUP_MOMENTS = MOMENTS.filter((m) => m !== "POST_PURCHASE");

export function PreviewPanel(props: {
  offerId: string | null;
  payload: OfferPayload;
  locales: string[];
  abVariants: { id: string; name: string }[];
  paused: boolean;
  sample: SampleLine[];
  onSampleChange: (lines: SampleLine[]) => void;
}) {
  const { payload, sample, onSampleChange } = props;
  const shopify = useAppBridge();
  const fetcher = useFetcher<PreviewAnswer>();
  const [moment, setMoment] = useState<string>(payload.moments.find((m) => m !== "POST_PURCHASE") ?? "ADD_TO_CART");
  // An offer only for after payment shows its page, from the start or once that is its only moment; one with other moments too opens on the popup.
  const onlyPage = payload.moments.length > 0 && payload.moments.every((m) => m === "POST_PURCHASE");
  const [view, setView] = useState<"popup" | "page">(onlyPage ? "page" : "popup");
  useEffect(() => {
    if (onlyPage) setView("page");
  }, [onlyPage]);
  const hasPage = payload.moments.includes("POST_PURCHASE");
  const usesShopify = payload.definition.recommendation.sources.some((x) => x !== "co_purchase");
  const showPage = hasPage && view === "page";
  const [locale, setLocale] = useState(props.locales[0] ?? "en");
  const [loggedIn, setLoggedIn] = useState(false);
  const [abVariant, setAbVariant] = useState("");

  const request = useMemo(
    () => ({
      offer: payload,
      offerId: props.offerId ?? undefined,
      cart: sample.map((l) => ({ productId: l.productId, variantId: l.variantId, quantity: /^\d+$/.test(l.quantity) ? Number(l.quantity) : 1 })),
      moment: showPage ? "POST_PURCHASE" : moment,
      locale: props.locales.includes(locale) ? locale : props.locales[0],
      loggedIn,
      abVariant: props.abVariants.some((v) => v.id === abVariant) ? abVariant : null,
    }),
    [payload, props.offerId, sample, showPage, moment, locale, props.locales, loggedIn, abVariant, props.abVariants],
  );
  const key = JSON.stringify(request);
  const { submit } = fetcher;

  // Re-render the preview shortly after the merchant stops typing.
  useEffect(() => {
    const t = setTimeout(() => submit(JSON.parse(key) as Record<string, never>, { method: "post", action: "/app/preview", encType: "application/json" }), 500);
    return () => clearTimeout(t);
  }, [key, submit]);

  const addLines = async () => {
    const picked = await pickProducts(shopify, { multiple: 5 });
    if (!picked) return;
    const lines = picked.flatMap((p) => {
      const variantId = p.variantIds[0];
      if (!variantId) return [];
      const vt = p.variantTitles[0];
      return [{ productId: p.productId, variantId, title: vt && vt !== "Default Title" ? `${p.title} – ${vt}` : p.title, quantity: "1" }];
    });
    onSampleChange([...sample, ...lines].slice(0, 20));
  };

  // Until the answer for the view on screen arrives, the other view's answer is not shown under it.
  const answer = fetcher.data && (!fetcher.data.ok || (fetcher.data.moment === "POST_PURCHASE") === showPage) ? fetcher.data : undefined;
  const loading = fetcher.state !== "idle";
  // After payment the page needs a product one click can add; the server's page skips an offer without one.
  const shows = answer?.ok === true && answer.show && (!showPage || (answer.oneClick?.offer.items.length ?? 0) > 0);

  return (
    <div style={{ position: "sticky", top: "1rem" }}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Preview
            </Text>
            {loading ? (
              <Spinner size="small" accessibilityLabel="Updating preview" />
            ) : answer?.ok ? (
              <Badge tone={shows ? "success" : "warning"}>{shows ? "Would show" : "Hidden"}</Badge>
            ) : null}
          </InlineStack>

          {hasPage && (
            <ButtonGroup variant="segmented" fullWidth>
              <Button pressed={!showPage} onClick={() => setView("popup")}>
                Storefront popup
              </Button>
              <Button pressed={showPage} onClick={() => setView("page")}>
                After payment page
              </Button>
            </ButtonGroup>
          )}

          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {showPage ? "Sample order" : "Sample cart"}
            </Text>
            {sample.length === 0 && (
              <Text as="p" tone="subdued">
                {showPage ? "Add the products a shopper has just paid for." : "Add the products a shopper might have in their cart."}
              </Text>
            )}
            {sample.map((l, i) => (
              <InlineStack key={`${l.variantId}-${i}`} gap="200" blockAlign="center" wrap={false}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text as="span" truncate>
                    {l.title}
                  </Text>
                </div>
                <div style={{ width: "4.5rem" }}>
                  <TextField
                    label={`Quantity of ${l.title}`}
                    labelHidden
                    type="number"
                    min={1}
                    max={99}
                    autoComplete="off"
                    value={l.quantity}
                    onChange={(quantity) => onSampleChange(sample.map((x, j) => (j === i ? { ...x, quantity } : x)))}
                  />
                </div>
                <Button variant="plain" tone="critical" onClick={() => onSampleChange(sample.filter((_, j) => j !== i))} accessibilityLabel={`Remove ${l.title} from the sample cart`}>
                  Remove
                </Button>
              </InlineStack>
            ))}
            <Box>
              <Button onClick={addLines} size="slim">
                Add to sample cart
              </Button>
            </Box>
          </BlockStack>

          <InlineStack gap="200" wrap>
            {!showPage && (
              <div style={{ flex: "1 1 9rem" }}>
                <Select label="Moment" options={POPUP_MOMENTS.map((m) => ({ label: MOMENT_LABEL[m] ?? m, value: m }))} value={moment} onChange={setMoment} />
              </div>
            )}
            <div style={{ flex: "1 1 5rem" }}>
              <Select label="Language" options={props.locales.map((l) => ({ label: l, value: l }))} value={props.locales.includes(locale) ? locale : (props.locales[0] ?? "")} onChange={setLocale} />
            </div>
          </InlineStack>
          {props.abVariants.length > 0 && (
            <Select
              label="A/B variant"
              options={[{ label: "Offer as written", value: "" }, ...props.abVariants.map((v) => ({ label: v.name || v.id, value: v.id }))]}
              value={abVariant}
              onChange={setAbVariant}
            />
          )}
          <Checkbox label="Shopper is logged in" checked={loggedIn} onChange={setLoggedIn} />

          {answer && !answer.ok && (
            <Banner tone="info" title="Finish the offer to preview it">
              <List>
                {Object.values(answer.errors)
                  .slice(0, 4)
                  .map((m) => (
                    <List.Item key={m}>{m}</List.Item>
                  ))}
              </List>
            </Banner>
          )}
          {answer?.ok && !answer.show && sample.length === 0 && (
            <Text as="p" tone="subdued">
              Add products to the sample cart to see whether this offer would show.
            </Text>
          )}
          {answer?.ok && !answer.show && sample.length > 0 && <HiddenReasons reasons={answer.reasons} />}
          {answer?.ok && !!answer.chosen?.length && (
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                Recommended for this cart
              </Text>
              <List>
                {answer.chosen.map((c) => (
                  <List.Item key={c.title}>
                    {c.title}: {SOURCE_LABEL[c.source]}
                  </List.Item>
                ))}
              </List>
            </BlockStack>
          )}
          {answer?.ok && answer.automatic && answer.shopifyUnavailable && (
            <Banner tone="warning" title="Shopify's recommendations could not be read">
              <p>
                This preview shows no products from Shopify&apos;s complementary or related recommendations: {answer.shopifyUnavailable}. Your storefront still asks Shopify for them in the
                shopper&apos;s browser.
              </p>
            </Banner>
          )}
          {answer?.ok && answer.automatic && !answer.shopifyUnavailable && (
            <Text as="p" tone="subdued">
              Chosen as on your storefront, from your sources in their order.
              {usesShopify && " Shopify's recommendations are the ones for your shop's primary market; a shopper in another market may see others."}
            </Text>
          )}
          {!showPage && answer?.ok && answer.assetMissing && (
            <Text as="p" tone="subdued">
              The storefront popup script is not built yet, so the frame shows a placeholder.
            </Text>
          )}
          {showPage && answer?.ok && answer.oneClick && answer.oneClick.offer.items.length > 0 && <PostPurchasePreview key={`${answer.oneClick.offer.offerId}:${answer.oneClick.locale}`} data={answer.oneClick} />}
          {showPage && answer?.ok && answer.show && answer.oneClick?.offer.items.length === 0 && (
            <Banner tone="warning" title="Shopify would skip this page for this order">
              <p>None of the offered products is available, or none fits under your price cap for this sample order. The shopper goes straight to the order status page.</p>
            </Banner>
          )}
          {/* A hidden offer has no popup to show: no empty frame under the reasons. */}
          {!showPage && answer?.ok && (answer.show || answer.assetMissing) && (
            <iframe
              title="Popup preview"
              data-testid="preview-frame"
              // allow-scripts without allow-same-origin: the popup runs with an opaque origin and no access to the admin.
              sandbox="allow-scripts"
              srcDoc={answer.srcdoc}
              style={{ width: "100%", height: 460, border: "1px solid var(--p-color-border)", borderRadius: "var(--p-border-radius-200)", background: "#fff" }}
            />
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
