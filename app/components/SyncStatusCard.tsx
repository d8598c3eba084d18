import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

export interface SyncView {
  status: "NEVER" | "PENDING" | "OK" | "FAILED";
  error: string | null;
  syncedAt: string | null;
}

const BADGE: Record<SyncView["status"], { tone: "success" | "critical" | "attention" | undefined; label: string }> = {
  OK: { tone: "success", label: "Live" },
  FAILED: { tone: "critical", label: "Sync failed" },
  PENDING: { tone: "attention", label: "Syncing" },
  NEVER: { tone: undefined, label: "Not synced yet" },
};

/** Whether Shopify holds the latest offers; a failure keeps the previous offers live, and says so. */
export function SyncStatusCard({ sync }: { sync: SyncView }) {
  const badge = BADGE[sync.status];
  const when = sync.syncedAt ? new Date(sync.syncedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : null;
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Storefront sync
          </Text>
          <Badge tone={badge.tone}>{badge.label}</Badge>
        </InlineStack>
        <Text as="p" tone="subdued">
          {when ? `Last synced ${when}.` : "Offers reach your storefront and checkout after the first save."}
        </Text>
        {sync.status === "FAILED" && sync.error && (
          <BlockStack gap="100">
            <Text as="p" tone="critical">
              {sync.error}
            </Text>
            <Text as="p" tone="subdued">
              Your storefront keeps the last offers that synced. Saving any offer or setting tries again.
            </Text>
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
