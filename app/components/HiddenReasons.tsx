import { BlockStack, Text } from "@shopify/polaris";
import type { HiddenReason } from "../offers/hidden-reasons";

/** Why an offer stays hidden: the main reason first and emphasised, each with its fix. */
export function HiddenReasons({ reasons }: { reasons: HiddenReason[] }) {
  if (!reasons.length) return null;
  return (
    <div data-testid="preview-reasons">
      <BlockStack gap="200">
        {reasons.map((r, i) => (
          <BlockStack gap="050" key={r.code}>
            <Text as="p" tone="caution" fontWeight={i === 0 ? "semibold" : "regular"}>
              {r.message}
            </Text>
            <Text as="p" tone="subdued" variant="bodySm">
              {`Fix: ${r.fix}`}
            </Text>
          </BlockStack>
        ))}
      </BlockStack>
    </div>
  );
}
