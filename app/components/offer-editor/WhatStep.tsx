import {
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  InlineError,
  InlineStack,
  Text,
  TextField,
} from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { REC_SOURCES, type RecSource } from "@tactful/engine/types";
import { errorsUnder } from "../form-utils";
import type { RecommendationState } from "../offer-form";
import { SOURCE_HELP, SOURCE_LABEL } from "../offer-labels";
import { pickCollections, pickProducts, pickTriggerProducts } from "../pickers";
import { DiscountFields, ProductRow, RefTags } from "./fields";
import type { StepProps } from "./step-props";

/**
 * "Recommended for the trigger" (decision record 0085): the sources the
 * merchant uses, in their order (the first fills the three places first), and
 * what is never offered.
 */
function RecommendedProducts({
  value,
  onChange,
  errors,
}: {
  value: RecommendationState;
  onChange: (r: RecommendationState) => void;
  errors: StepProps["errors"];
}) {
  const shopify = useAppBridge();
  const on = value.sources;
  // Chosen sources first, in their order, then the others.
  const rows: RecSource[] = [...on, ...REC_SOURCES.filter((x) => !on.includes(x))];
  const move = (x: RecSource, by: -1 | 1) => {
    const i = on.indexOf(x);
    const next = [...on];
    next.splice(i, 1);
    next.splice(i + by, 0, x);
    onChange({ ...value, sources: next });
  };
  const sourceErrors = errorsUnder(errors, "definition.recommendation.sources");
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        For each cart, up to three products are chosen for the product that triggered the offer, from these sources in
        this order. Products already in the cart, sold out, excluded, or that would break the price cap are skipped.
      </Text>
      <BlockStack gap="200">
        {rows.map((x) => {
          const i = on.indexOf(x);
          return (
            <Box key={x} padding="200" borderWidth="025" borderColor="border" borderRadius="200">
              <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
                <Checkbox
                  id={`offer-source-${x}`}
                  label={i >= 0 ? `${i + 1}. ${SOURCE_LABEL[x]}` : SOURCE_LABEL[x]}
                  helpText={SOURCE_HELP[x]}
                  checked={i >= 0}
                  onChange={(checked) =>
                    onChange({ ...value, sources: checked ? [...on, x] : on.filter((y) => y !== x) })
                  }
                />
                {i >= 0 && on.length > 1 && (
                  <InlineStack gap="100" wrap={false}>
                    <Button
                      size="slim"
                      accessibilityLabel={`Move ${SOURCE_LABEL[x]} up`}
                      disabled={i === 0}
                      onClick={() => move(x, -1)}
                    >
                      ↑
                    </Button>
                    <Button
                      size="slim"
                      accessibilityLabel={`Move ${SOURCE_LABEL[x]} down`}
                      disabled={i === on.length - 1}
                      onClick={() => move(x, 1)}
                    >
                      ↓
                    </Button>
                  </InlineStack>
                )}
              </InlineStack>
            </Box>
          );
        })}
        {sourceErrors.map((m) => (
          <InlineError key={m} message={m} fieldID="offer-source-co_purchase" />
        ))}
      </BlockStack>
      <Text as="h3" variant="headingSm">
        Never recommend
      </Text>
      <InlineStack gap="200">
        <Button
          onClick={async () => {
            const r = await pickTriggerProducts(shopify, value.excludeProducts);
            if (r) onChange({ ...value, excludeProducts: r });
          }}
        >
          Products
        </Button>
        <Button
          onClick={async () => {
            const r = await pickCollections(shopify, value.excludeCollections);
            if (r) onChange({ ...value, excludeCollections: r });
          }}
        >
          Collections
        </Button>
      </InlineStack>
      <RefTags
        items={value.excludeProducts}
        onRemove={(id) => onChange({ ...value, excludeProducts: value.excludeProducts.filter((x) => x.id !== id) })}
      />
      <RefTags
        items={value.excludeCollections}
        onRemove={(id) =>
          onChange({ ...value, excludeCollections: value.excludeCollections.filter((x) => x.id !== id) })
        }
      />
      <TextField
        id="offer-exclude-tags"
        label="Products tagged"
        autoComplete="off"
        placeholder="gift-card, no-upsell"
        value={value.excludeTags}
        onChange={(excludeTags) => onChange({ ...value, excludeTags })}
        helpText="Comma-separated."
        error={errorsUnder(errors, "definition.recommendation.excludeTags")[0]}
      />
      {errorsUnder(errors, "definition.recommendation.excludeProducts")
        .concat(errorsUnder(errors, "definition.recommendation.excludeCollections"))
        .map((m) => (
          <InlineError key={m} message={m} fieldID="offer-exclude-tags" />
        ))}
    </BlockStack>
  );
}

/** What: the kind of offer, its products and its discount, and the price cap that keeps it tactful. */
export function WhatStep({ s, patch, errors, currency, defaultCapBps }: StepProps) {
  const shopify = useAppBridge();
  const d = (k: string) => errors[`definition.${k}`];
  const defaultCap = `${defaultCapBps / 100}%`;

  const addItems = async () => {
    const picked = await pickProducts(shopify, {
      multiple: 3,
      selected: s.items.map((i) => ({ id: i.productId, variantIds: i.variantIds })),
    });
    if (picked) patch({ items: picked.slice(0, 3) });
  };
  const changeItem = async (index: number) => {
    const item = s.items[index];
    if (!item) return;
    const picked = await pickProducts(shopify, {
      multiple: false,
      selected: [{ id: item.productId, variantIds: item.variantIds }],
    });
    const first = picked?.[0];
    if (first) patch({ items: s.items.map((x, j) => (j === index ? first : x)) });
  };
  const addUpgrade = async () => {
    const from = await pickProducts(shopify, { multiple: false });
    const f = from?.[0];
    if (!f) return;
    const to = await pickProducts(shopify, { multiple: false });
    const t = to?.[0];
    if (!t) return;
    const fromVariant = f.variantIds.length === 1 ? (f.variantIds[0] ?? null) : null;
    patch({
      upgrades: [
        ...s.upgrades,
        {
          from: {
            productId: f.productId,
            variantId: fromVariant,
            title:
              f.title +
              (fromVariant && f.variantTitles[0] && f.variantTitles[0] !== "Default Title"
                ? ` – ${f.variantTitles[0]}`
                : ""),
          },
          to: t,
        },
      ].slice(0, 3),
    });
  };

  return (
    <BlockStack gap="400">
      <Card>
        <ChoiceList
          title="Type"
          choices={[
            {
              label: "Cross-sell",
              value: "CROSS_SELL",
              helpText: "Adds a complementary product: socks with sneakers.",
            },
            {
              label: "Upsell",
              value: "UPSELL",
              helpText: "Swaps a cart item for a better version; it never adds a second line.",
            },
            { label: "Bundle", value: "BUNDLE", helpText: "Related products together, at a lower combined price." },
          ]}
          selected={[s.type]}
          onChange={([t]) => patch({ type: t === "UPSELL" || t === "BUNDLE" ? t : "CROSS_SELL" })}
          error={errors.type}
        />
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {s.type === "UPSELL" ? "Upgrades" : "Offered products"}
          </Text>
          {s.type === "UPSELL" ? (
            <>
              <Text as="p" tone="subdued">
                Each upgrade swaps a product in the cart for a better one. Pick a single variant on the left to swap
                only that variant.
              </Text>
              {s.upgrades.map((u, i) => (
                <Box
                  key={`${u.from.productId}-${i}`}
                  padding="300"
                  borderWidth="025"
                  borderColor="border"
                  borderRadius="200"
                >
                  <InlineStack align="space-between" blockAlign="center" gap="200">
                    <Text as="span">
                      <Text as="span" fontWeight="semibold">
                        {u.from.title || u.from.productId}
                      </Text>{" "}
                      →{" "}
                      <Text as="span" fontWeight="semibold">
                        {u.to.title || u.to.handle}
                      </Text>
                    </Text>
                    <Button
                      variant="plain"
                      tone="critical"
                      onClick={() => patch({ upgrades: s.upgrades.filter((_, j) => j !== i) })}
                    >
                      Remove
                    </Button>
                  </InlineStack>
                  {errorsUnder(errors, `definition.upgrades.${i}`).map((m) => (
                    <InlineError key={m} message={m} fieldID={`upgrade-${i}`} />
                  ))}
                </Box>
              ))}
              {d("upgrades") && <InlineError message={d("upgrades") ?? ""} fieldID="offer-upgrades" />}
              <Box>
                <Button id="offer-upgrades" onClick={addUpgrade} disabled={s.upgrades.length >= 3}>
                  Add upgrade
                </Button>
              </Box>
            </>
          ) : (
            <>
              {s.type === "CROSS_SELL" && (
                <ChoiceList
                  title="Products"
                  choices={[
                    { label: "Fixed list", value: "FIXED", helpText: "The products you pick." },
                    {
                      label: "Recommended for the trigger",
                      value: "RECOMMENDED",
                      helpText: "Chosen for each cart from your orders and Shopify's recommendations.",
                    },
                  ]}
                  selected={[s.productsFrom]}
                  onChange={([m]) => patch({ productsFrom: m === "RECOMMENDED" ? "RECOMMENDED" : "FIXED" })}
                  error={d("productsFrom")}
                />
              )}
              {s.type === "CROSS_SELL" && s.productsFrom === "RECOMMENDED" ? (
                <RecommendedProducts
                  value={s.recommendation}
                  onChange={(recommendation) => patch({ recommendation })}
                  errors={errors}
                />
              ) : (
                <>
                  <Text as="p" tone="subdued">
                    At most three products (the rule of three). The first variant you tick is the one the popup
                    suggests.
                  </Text>
                  {s.items.map((item, i) => (
                    <ProductRow
                      key={item.productId}
                      product={item}
                      onChange={() => changeItem(i)}
                      onRemove={() => patch({ items: s.items.filter((_, j) => j !== i) })}
                      error={errorsUnder(errors, `definition.items.${i}`)[0]}
                    />
                  ))}
                  {d("items") && <InlineError message={d("items") ?? ""} fieldID="offer-items" />}
                  <Box>
                    <Button id="offer-items" onClick={addItems}>
                      {s.items.length ? "Change products" : "Add products"}
                    </Button>
                  </Box>
                </>
              )}
            </>
          )}
          {s.type === "UPSELL" ? (
            <Text as="p" tone="subdued">
              No discount on upgrades: the popup shows the upgrade at its own price, because the swap removes the item
              that qualified and Shopify could not honour a discount at checkout.
            </Text>
          ) : (
            <DiscountFields
              value={s.discount}
              onChange={(discount) => patch({ discount })}
              errors={errors}
              prefix="definition.discount"
              idPrefix="offer-discount"
              currency={currency}
            />
          )}
          <TextField
            id="offer-cap"
            label="Price cap"
            type="number"
            suffix="%"
            autoComplete="off"
            placeholder={`Shop default (${defaultCap})`}
            value={s.cap}
            onChange={(cap) => patch({ cap })}
            error={d("capBps")}
            helpText={`Hidden whenever accepting would raise the cart (for an upgrade: the swapped item) by more than this. Leave empty for your shop default, ${defaultCap}.`}
          />
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
