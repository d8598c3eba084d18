import { Banner, List, Text } from "@shopify/polaris";

/*
 * What Shopify requires before the one-click page runs (shopify.dev, "About
 * product offers": post-purchase extensions "are in beta and can be used
 * without restrictions in a development store. To use post-purchase
 * extensions on a live store, you need to request access"; "Post-purchase
 * extension points API": the page is for "developers and Plus merchants";
 * the post-purchase limitations: wallets, instalments and gift cards get no
 * page, and with several post-purchase apps the merchant picks one in the
 * checkout settings). Decision 0078.
 */
export function PostPurchaseNotice() {
  return (
    <Banner tone="info" title="“After payment (one click)” needs Shopify’s approval before it runs on a live store">
      <List>
        <List.Item>Development stores show this page right away. On a live store, Shopify must first approve Tactful for post-purchase pages; until then shoppers go straight to the order status page and nothing extra is charged.</List.Item>
        <List.Item>Shopify describes post-purchase pages for Shopify Plus stores. Whether your plan can use them is confirmed when Shopify approves the app for your store.</List.Item>
        <List.Item>Shopify skips the page when the shopper paid with a wallet (such as Apple Pay or Google Pay), an instalment service or a gift card. If another app also has a post-purchase page, choose which one runs in Settings › Checkout.</List.Item>
      </List>
      <Text as="p" variant="bodySm" tone="subdued">
        Your thank-you page offers are not affected.
      </Text>
    </Banner>
  );
}
