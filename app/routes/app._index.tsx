import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, EmptyState, Icon, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { CheckCircleIcon, PlusCircleIcon } from "@shopify/polaris-icons";
import { authenticate } from "../shopify.server";
import { env } from "../platform/env.server";
import { activeOfferRecords, countOffersByStatus } from "../offers/offers.server";
import { reachOfOffers } from "../offers/offer-reach.server";
import { getShopSettings } from "../offers/settings.server";
import { shopMoneyForDisplay } from "../shopify/shop-currency.server";
import { embedActivationUrl, embedStatus } from "../shopify/theme-embed.server";
import { SyncStatusCard } from "../components/SyncStatusCard";
import { DebugLinkCard } from "../components/DebugLinkCard";
import { AnalyticsFigures } from "../components/AnalyticsFigures";
import { getHeadlineFigures } from "../analytics/figures.server";
import { periodRange } from "../analytics/period";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const last30 = periodRange("30");
  const [counts, view, embed, figures, shopMoney] = await Promise.all([
    countOffersByStatus(session.shop),
    getShopSettings(session.shop),
    embedStatus(admin),
    getHeadlineFigures(session.shop, last30.from, last30.to),
    shopMoneyForDisplay(admin),
  ]);
  const offers = counts.DRAFT + counts.ACTIVE + counts.PAUSED + counts.ARCHIVED;
  // Live means it can show: an active offer the engine refuses for every trigger does not count (decision record 0075).
  const reach = await reachOfOffers(admin, await activeOfferRecords(session.shop), view.settings);
  const neverShows = Object.values(reach).filter((r) => r.kind === "NEVER").length;
  return {
    shop: session.shop,
    offers,
    active: counts.ACTIVE - neverShows,
    neverShows,
    embed,
    embedUrl: embedActivationUrl(session.shop, env().SHOPIFY_API_KEY),
    sync: view.sync,
    paused: view.settings.paused,
    previewed: view.previewedAt !== null,
    figures,
    shopMoney,
  };
};

function Step({ done, title, children }: { done: boolean; title: string; children: React.ReactNode }) {
  return (
    <InlineStack gap="300" wrap={false} blockAlign="start">
      <Box>
        <Icon source={done ? CheckCircleIcon : PlusCircleIcon} tone={done ? "success" : "subdued"} accessibilityLabel={done ? "Done" : "To do"} />
      </Box>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone={done ? "subdued" : undefined}>
          {title}
        </Text>
        {children}
      </BlockStack>
    </InlineStack>
  );
}

export default function Home() {
  const { offers, active, neverShows, embed, embedUrl, sync, paused, previewed, figures, shopMoney } = useLoaderData<typeof loader>();
  const embedOn = embed.state === "ENABLED";
  const done = [embedOn, offers > 0, previewed].filter(Boolean).length;

  return (
    <Page title="Tactful" subtitle="Upsells and cross-sells that respect your shoppers">
      <Layout>
        {paused && (
          <Layout.Section>
            <Banner tone="warning" title="All popups are paused">
              <p>
                Shoppers see no offers while the global pause is on. <RemixLink to="/app/settings">Turn it off in Settings</RemixLink>.
              </p>
            </Banner>
          </Layout.Section>
        )}

        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  Get started
                </Text>
                <Badge tone={done === 3 ? "success" : "attention"}>{`${done} of 3 done`}</Badge>
              </InlineStack>
              <Step done={embedOn} title="Turn on the Tactful app embed">
                {embed.state === "UNKNOWN" ? (
                  <Text as="p" tone="subdued">
                    We could not check your theme just now ({embed.reason}). You can turn the embed on in the theme editor.
                  </Text>
                ) : (
                  <Text as="p" tone="subdued">
                    {embedOn
                      ? `The embed is on in your live theme, "${embed.themeName}".`
                      : `Popups appear only when the Tactful embed is on in your live theme, "${embed.themeName}". It adds one small deferred script and nothing runs before a shopper adds to cart.`}
                  </Text>
                )}
                {!embedOn && (
                  <Box>
                    <Button url={embedUrl} target="_blank" variant="primary">
                      Turn on in theme editor
                    </Button>
                  </Box>
                )}
              </Step>
              <Step done={offers > 0} title="Create your first offer">
                <Text as="p" tone="subdued">
                  Pick what triggers it (products, collections, cart value), what it offers (at most three products) and when it may appear: after add-to-cart,
                  in the cart, or just before checkout. Never on page load.
                </Text>
                {offers === 0 && (
                  <Box>
                    <Button url="/app/offers/new">Create offer</Button>
                  </Box>
                )}
              </Step>
              <Step done={previewed} title="Preview it">
                <Text as="p" tone="subdued">
                  The editor shows the real popup for a sample cart, and explains in plain words when an offer would stay hidden (for example, over your price cap).
                </Text>
              </Step>
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <SyncStatusCard sync={sync} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Offers
                </Text>
                <Text as="p">{offers === 0 ? "No offers yet." : `${active} live of ${offers}.`}</Text>
                {neverShows > 0 && (
                  <Text as="p" tone="critical">
                    <RemixLink to="/app/offers?status=ACTIVE">{neverShows === 1 ? "1 active offer never shows" : `${neverShows} active offers never show`}</RemixLink>
                    {": the Offers list says why and how to fix it."}
                  </Text>
                )}
                <Box>
                  <Button url="/app/offers" variant="plain">
                    Manage offers
                  </Button>
                </Box>
              </BlockStack>
            </Card>
            <DebugLinkCard />
          </BlockStack>
        </Layout.Section>

        <Layout.Section>
          {offers === 0 ? (
            <Card>
              <EmptyState
                heading="Offer the right thing at the right moment"
                action={{ content: "Create offer", url: "/app/offers/new" }}
                secondaryAction={{ content: "Review settings", url: "/app/settings" }}
                image="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
              >
                <BlockStack gap="200">
                  <p>Good upsells follow three rules, and Tactful enforces them for you:</p>
                  <p>
                    <strong>Upsell, don&apos;t oversell</strong>: an offer never raises the cart by more than your price cap (25% unless you change it).
                  </p>
                  <p>
                    <strong>Ask once</strong>: at most one popup per session by default, none for 7 days after a &ldquo;No thanks&rdquo;.
                  </p>
                  <p>
                    <strong>Few, relevant options</strong>: at most three products, tied to what is in the cart.
                  </p>
                </BlockStack>
              </EmptyState>
            </Card>
          ) : (
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Performance
                </Text>
                <Text as="p" tone="subdued">
                  Last 30 days
                </Text>
                <AnalyticsFigures figures={figures} shopMoney={shopMoney} />
                <Box>
                  <Button url="/app/analytics" variant="plain">
                    View analytics
                  </Button>
                </Box>
              </BlockStack>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
