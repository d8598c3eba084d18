import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

type Minted = { url: string; expiresAt: number } | { error: string };

/** "Debug a storefront session": a signed, 15-minute link to the storefront with the debug panel (decision record 0090). */
export function DebugLinkCard() {
  const fetcher = useFetcher<Minted>();
  const [copied, setCopied] = useState(false);
  const minted = fetcher.data && "url" in fetcher.data ? fetcher.data : undefined;
  const expires = minted ? new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(minted.expiresAt) : "";
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Debug a storefront session
        </Text>
        <Text as="p" tone="subdued">
          Opens your storefront with a panel that lists, for each moment, every offer and why it shows or not. Shoppers see nothing of it; the link works for 15
          minutes.
        </Text>
        {minted ? (
          <BlockStack gap="200">
            <TextField label="Debug link" value={minted.url} readOnly autoComplete="off" helpText={`Works until ${expires}, on this shop only.`} />
            <InlineStack gap="200">
              <Button
                onClick={() => {
                  void navigator.clipboard?.writeText(minted.url).then(() => setCopied(true));
                }}
              >
                {copied ? "Copied" : "Copy link"}
              </Button>
              <Button url={minted.url} target="_blank">
                Open storefront
              </Button>
            </InlineStack>
          </BlockStack>
        ) : (
          <InlineStack>
            <Button loading={fetcher.state !== "idle"} onClick={() => fetcher.submit(null, { method: "post", action: "/app/debug-link" })}>
              Create debug link
            </Button>
          </InlineStack>
        )}
        {fetcher.data && "error" in fetcher.data && (
          <Text as="p" tone="critical">
            {fetcher.data.error}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
