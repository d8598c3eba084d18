import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { formatCount, formatMoney, formatPercent, isolate } from "../analytics/format";
import type { HeadlineFigures } from "../analytics/figures.server";
import type { ShopMoney } from "../shopify/shop-money";

function Figure({ label, value, help }: { label: string; value: string; help?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
        {help && (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

/** The four headline figures, shared by Home and the analytics page. */
export function AnalyticsFigures({ figures, shopMoney = null }: { figures: HeadlineFigures; shopMoney?: ShopMoney | null }) {
  const inc = figures.incrementalRevenue;
  return (
    <BlockStack gap="200">
      {figures.fresh ? null : (
        <Text as="p" tone="caution">
          Today&apos;s figures could not be updated. These are from the last update; reload to try again.
        </Text>
      )}
      <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
        <Figure label="Impressions" value={formatCount(figures.impressions)} />
        <Figure label="Accept rate" value={formatPercent(figures.acceptRate)} help={`${formatCount(figures.accepts)} accepted`} />
        <Figure label="Attributed revenue" value={formatMoney(figures.attributedRevenue, figures.currency, "en", shopMoney)} help="Accepted offer lines, after discounts" />
        <Figure
          label="Incremental revenue"
          value={inc ? formatMoney(inc.value, figures.currency, "en", shopMoney) : "—"}
          help={inc ? `95% interval ${isolate(formatMoney(inc.low, figures.currency, "en", shopMoney))} – ${isolate(formatMoney(inc.high, figures.currency, "en", shopMoney))}` : "Needs an offer with a holdout group"}
        />
      </InlineGrid>
    </BlockStack>
  );
}
