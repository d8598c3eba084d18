import { Box, BlockStack, Button, FormLayout, InlineError, InlineStack, Select, Tag, Text, TextField } from "@shopify/polaris";
import { fractionDigits } from "@tactful/engine/money";
import type { FieldErrors } from "../form-utils";
import type { ContentText, DiscountState, OfferedProduct, Ref } from "../offer-form";

/* Field groups more than one step uses: the offer's own and each A/B variant's. */

export function RefTags({ items, onRemove }: { items: Ref[]; onRemove: (id: string) => void }) {
  if (!items.length) return null;
  return (
    <InlineStack gap="200">
      {items.map((r) => (
        <Tag key={r.id} onRemove={() => onRemove(r.id)}>
          {r.title || r.id}
        </Tag>
      ))}
    </InlineStack>
  );
}

export function ProductRow({ product, onChange, onRemove, error }: { product: OfferedProduct; onChange: () => void; onRemove: () => void; error?: string }) {
  // Shopify names the only variant of a simple product "Default Title"; merchants never see that word.
  const variants = product.variantTitles.filter((t) => t && t !== "Default Title");
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
      <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
        <BlockStack gap="050">
          <Text as="span" fontWeight="semibold">
            {product.title || product.handle}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {product.variantIds.length === 1 ? "1 variant" : `${product.variantIds.length} variants`}
            {variants.length ? `: ${variants.slice(0, 3).join(", ")}${variants.length > 3 ? "…" : ""}` : ""}
          </Text>
        </BlockStack>
        <InlineStack gap="200" wrap={false}>
          <Button variant="plain" onClick={onChange}>
            Variants
          </Button>
          <Button variant="plain" tone="critical" onClick={onRemove} accessibilityLabel={`Remove ${product.title}`}>
            Remove
          </Button>
        </InlineStack>
      </InlineStack>
      {error && <InlineError message={error} fieldID={`product-${product.productId}`} />}
    </Box>
  );
}

/** The shop currency's own digits, so "500" in yen is never read as ¥5.00. */
export function moneyHelp(currency: string): string {
  const digits = fractionDigits(currency);
  return digits === 0 ? `In ${currency}, whole amounts (no decimals).` : `In ${currency}, up to ${digits} decimals.`;
}

export function DiscountFields({ value, onChange, errors, prefix, idPrefix, currency }: { value: DiscountState; onChange: (d: DiscountState) => void; errors: FieldErrors; prefix: string; idPrefix: string; currency: string }) {
  return (
    <FormLayout.Group>
      <Select
        id={`${idPrefix}-kind`}
        label="Discount on the offered product"
        options={[
          { label: "No discount", value: "NONE" },
          { label: "Percentage off", value: "PERCENT" },
          { label: "Fixed amount off (each)", value: "FIXED" },
        ]}
        value={value.kind}
        onChange={(k) => onChange({ ...value, kind: k === "PERCENT" || k === "FIXED" ? k : "NONE" })}
        error={errors[prefix] ?? errors[`${prefix}.kind`]}
      />
      {value.kind === "PERCENT" && (
        <TextField
          id={`${idPrefix}-percent`}
          label="Percentage"
          type="number"
          suffix="%"
          autoComplete="off"
          value={value.percent}
          onChange={(percent) => onChange({ ...value, percent })}
          error={errors[`${prefix}.bps`]}
        />
      )}
      {value.kind === "FIXED" && (
        <TextField
          id={`${idPrefix}-amount`}
          label="Amount off each"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          suffix={currency}
          helpText={moneyHelp(currency)}
          value={value.amount}
          onChange={(amount) => onChange({ ...value, amount })}
          error={errors[`${prefix}.amount`]}
        />
      )}
    </FormLayout.Group>
  );
}

export function ContentFields({ value, onChange, errors, prefix, idPrefix }: { value: ContentText; onChange: (c: ContentText) => void; errors: FieldErrors; prefix: string; idPrefix: string }) {
  const set = (k: keyof ContentText) => (v: string) => onChange({ ...value, [k]: v });
  return (
    <FormLayout>
      <TextField id={`${idPrefix}-headline`} label="Headline" autoComplete="off" value={value.headline} onChange={set("headline")} error={errors[`${prefix}.headline`]} maxLength={120} showCharacterCount helpText="Lead with the benefit: what the shopper gains." />
      <TextField id={`${idPrefix}-body`} label="Body" autoComplete="off" multiline={3} value={value.body} onChange={set("body")} error={errors[`${prefix}.body`]} maxLength={500} showCharacterCount />
      <FormLayout.Group>
        <TextField id={`${idPrefix}-accept`} label="Accept button" autoComplete="off" value={value.accept} onChange={set("accept")} error={errors[`${prefix}.accept`]} maxLength={40} />
        <TextField id={`${idPrefix}-decline`} label="Decline button" autoComplete="off" value={value.decline} onChange={set("decline")} error={errors[`${prefix}.decline`]} maxLength={40} helpText="Always one obvious click, tap or Escape." />
      </FormLayout.Group>
    </FormLayout>
  );
}
