import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, isRouteErrorResponse, useLoaderData, useNavigation, useRouteError, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Card, DataTable, EmptyState, Layout, Page, SkeletonBodyText, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import { AnalyticsFigures } from "../components/AnalyticsFigures";
import { analyticsOverview } from "../analytics/analytics-pages.server";
import { formatCount, formatMoney, formatPercent, isolate } from "../analytics/format";
import { periodRange, periodSchema } from "../analytics/period";
import { shopMoneyForDisplay } from "../shopify/shop-currency.server";
import { PeriodSelect } from "../components/PeriodSelect";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const shopMoneyPromise = shopMoneyForDisplay(admin);
  const period = periodSchema.parse(new URL(request.url).searchParams.get("period") ?? undefined);
  const { from, to } = periodRange(period);
  const { figures, rows, offerCount } = await analyticsOverview(shop, from, to);
  return { period, from, to, figures, rows, offerCount, shopMoney: await shopMoneyPromise };
};

export default function AnalyticsIndex() {
  const { period, from, to, figures, rows, offerCount, shopMoney } = useLoaderData<typeof loader>();
  const [, setParams] = useSearchParams();
  const loading = useNavigation().state === "loading";
  const empty = rows.length === 0 && figures.impressions === 0;

  return (
    <Page title="Analytics" subtitle={`${isolate(from)} – ${isolate(to)} (UTC)`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <PeriodSelect value={period} onChange={(value) => setParams({ period: value })} />
            {loading ? (
              <Card>
                <SkeletonBodyText lines={4} />
              </Card>
            ) : empty ? (
              <Card>
                <EmptyState
                  heading="No analytics yet"
                  action={offerCount ? undefined : { content: "Create an offer", url: "/app/offers/new" }}
                  image="https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png"
                >
                  <p>Figures appear once shoppers see your active offers. Orders are attributed when they arrive from Shopify.</p>
                </EmptyState>
              </Card>
            ) : (
              <>
                <AnalyticsFigures figures={figures} shopMoney={shopMoney} />
                <Card padding="0">
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                    headings={["Offer", "Impressions", "Clicks", "Accept rate", "Orders", "Revenue"]}
                    rows={rows.map((r) => [
                      // A name keeps a readable width on a phone; the table scrolls sideways instead of wrapping it one word per line.
                      <span key={r.offerId} style={{ display: "inline-block", minInlineSize: "12rem", whiteSpace: "normal" }}>
                        <RemixLink to={`/app/analytics/${encodeURIComponent(r.offerId)}?period=${period}`}>{r.name}</RemixLink>
                      </span>,
                      formatCount(r.impressions),
                      formatCount(r.clicks),
                      formatPercent(r.impressions ? r.accepts / r.impressions : null),
                      formatCount(r.orders),
                      formatMoney(r.revenue, figures.currency, "en", shopMoney),
                    ])}
                  />
                </Card>
                <Text as="p" variant="bodySm" tone="subdued">
                  Attributed revenue counts accepted offer lines. Incremental revenue compares visitors who could see an offer with its holdout group, who saw
                  nothing: (revenue per treated visitor − revenue per held-out visitor) × treated visitors.
                </Text>
              </>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // Shopify's auth flow throws responses (redirects, 401s) that must reach the browser as they are.
  if (isRouteErrorResponse(error) && error.status < 500) throw error;
  return (
    <Page title="Analytics">
      <Banner tone="critical" title="Analytics could not be loaded">
        <p>Reload the page in a moment. Your offers keep running and beacons keep being recorded.</p>
      </Banner>
    </Page>
  );
}
