import { BlockStack, Box, Button, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { OFFER_TEMPLATES, type OfferTemplate } from "./templates";

/** The new-offer page's first choice: one of the common offers, or a blank one. */
export function TemplatePicker({ onChoose, onDismiss }: { onChoose: (t: OfferTemplate) => void; onDismiss: () => void }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Start from a template
          </Text>
          <Button variant="plain" onClick={onDismiss}>
            Start from scratch
          </Button>
        </InlineStack>
        <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
          {OFFER_TEMPLATES.map((t) => (
            <Box key={t.id} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
              <BlockStack gap="200" inlineAlign="start">
                <Button onClick={() => onChoose(t)} textAlign="start">
                  {t.title}
                </Button>
                <Text as="p" tone="subdued" variant="bodySm">
                  {t.description}
                </Text>
              </BlockStack>
            </Box>
          ))}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
