import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, DataTable, InlineGrid, InlineStack, Layout, Page, SkeletonBodyText, Text } from "@shopify/polaris";
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useEffect, useState } from "react";
import { z } from "zod";
import db from "../platform/db.server";
import { authenticate } from "../shopify.server";
import { offerAnalytics, shopOffer } from "../analytics/analytics-pages.server";
import { formatCount, formatInterval, formatMoney, formatPercent, formatSignedPercent, isolate } from "../analytics/format";
import { periodRange, periodSchema } from "../analytics/period";
import { promoteVariant, setAutoPromote, undoPromotion } from "../analytics/promotion.server";
import { DECISION_THRESHOLD, MIN_SUCCESSES, MIN_VISITORS } from "../analytics/stats";
import { shopMoneyForDisplay } from "../shopify/shop-currency.server";
import { syncShop } from "../shopify/sync.server";
import { PeriodSelect } from "../components/PeriodSelect";

export const links = () => [{ rel: "stylesheet", href: polarisVizStyles }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const offerId = z.string().min(1).max(64).parse(params.offerId);
  const offer = await shopOffer(shop, offerId);
  if (!offer) throw new Response("That offer does not exist", { status: 404 });
  const period = periodSchema.parse(new URL(request.url).searchParams.get("period") ?? undefined);
  const { from, to } = periodRange(period);
  const [figures, shopMoney] = await Promise.all([offerAnalytics(shop, offerId, from, to), shopMoneyForDisplay(admin)]);
  return { offer, period, from, to, ...figures, shopMoney };
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("promote"), arm: z.string().regex(/^[a-z0-9]{1,8}$/, { error: "Choose a variant to promote" }) }),
  z.object({ intent: z.literal("undo"), promotionId: z.string().min(1, { error: "No promotion to undo" }) }),
  z.object({ intent: z.literal("autoPromote"), enabled: z.enum(["on", "off"]) }),
]);

type ActionData = { ok: true; message: string; syncError: string | null } | { ok: false; error: string };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const offerId = z.string().min(1).max(64).safeParse(params.offerId);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!offerId.success || !parsed.success) {
    return json({ ok: false, error: parsed.error?.issues[0]?.message ?? "Unknown offer" } satisfies ActionData, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "autoPromote") {
    await setAutoPromote(db, shop, offerId.data, input.enabled === "on");
    return json({ ok: true, message: input.enabled === "on" ? "Auto-promote is on" : "Auto-promote is off", syncError: null } satisfies ActionData);
  }
  const outcome = input.intent === "promote" ? await promoteVariant(db, shop, offerId.data, input.arm, "MERCHANT") : await undoPromotion(db, shop, input.promotionId);
  if (!outcome.ok) return json({ ok: false, error: outcome.error } satisfies ActionData, { status: 409 });
  // The storefront reads the compiled config from metafields: publish the change.
  const sync = await syncShop(shop, admin);
  return json({ ok: true, message: input.intent === "promote" ? "Variant promoted" : "Promotion undone", syncError: sync.ok ? null : sync.error } satisfies ActionData);
};

// Counts are whole: the y-axis counted in halves ("0.5 impressions"). The funnel's bars are narrow on a
// phone: its labels are short words that fit ("Impressions" was cut to "Impres…", issue 19), and may wrap.
const WHOLE_COUNTS = { integersOnly: true } as const;
const WRAP_LABELS = { allowLineWrap: true } as const;

/** polaris-viz measures the DOM; render charts only in the browser. */
function useIsClient() {
  const [client, setClient] = useState(false);
  useEffect(() => setClient(true), []);
  return client;
}

export default function OfferAnalytics() {
  const { offer, period, from, to, funnel, series, results, currency, autoPromote, promotion, shopMoney } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const navigation = useNavigation();
  const [, setParams] = useSearchParams();
  const isClient = useIsClient();
  const busy = navigation.state !== "idle";
  const noData = funnel.impressions === 0 && funnel.orders === 0;
  const winner = results.verdict.kind === "WINNER" ? results.verdict : null;

  const funnelData = [
    {
      name: "Shoppers",
      data: [
        { key: "Shown", value: funnel.impressions },
        { key: "Clicked", value: funnel.clicks },
        { key: "Taken", value: funnel.accepts },
        { key: "Paid", value: funnel.orders },
      ],
    },
  ];
  const seriesData = [
    { name: "Impressions", data: series.map((p) => ({ key: p.day.slice(5), value: p.impressions })) },
    { name: "Accepts", data: series.map((p) => ({ key: p.day.slice(5), value: p.accepts })) },
  ];

  return (
    <Page title={offer.name} backAction={{ content: "Analytics", url: `/app/analytics?period=${period}` }} subtitle={`${isolate(from)} – ${isolate(to)} (UTC)`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {actionData && (
              <Banner tone={actionData.ok ? (actionData.syncError ? "warning" : "success") : "critical"}>
                <p>{actionData.ok ? actionData.message + (actionData.syncError ? `, but publishing to your store failed: ${actionData.syncError}` : "") : actionData.error}</p>
              </Banner>
            )}
            <PeriodSelect value={period} onChange={(value) => setParams({ period: value })} />
            {navigation.state === "loading" ? (
              <Card>
                <SkeletonBodyText lines={6} />
              </Card>
            ) : noData ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    No data for this period
                  </Text>
                  <Text as="p">{offer.status === "ACTIVE" ? "The offer is active; figures appear once shoppers see it." : "The offer is not active, so shoppers do not see it."}</Text>
                </BlockStack>
              </Card>
            ) : (
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                <Card>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      Funnel
                    </Text>
                    <Text as="p" tone="subdued">
                      {`${formatCount(funnel.impressions)} impressions, ${formatPercent(funnel.impressions ? funnel.accepts / funnel.impressions : null)} accepted, ${formatCount(funnel.declines)} declined, ${formatMoney(funnel.revenue, currency, "en", shopMoney)} attributed`}
                    </Text>
                    <div style={{ height: 260 }}>{isClient && <PolarisVizProvider><BarChart data={funnelData} showLegend={false} isAnimated={false} xAxisOptions={WRAP_LABELS} yAxisOptions={WHOLE_COUNTS} /></PolarisVizProvider>}</div>
                  </BlockStack>
                </Card>
                <Card>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      Impressions and accepts per day
                    </Text>
                    <div style={{ height: 290 }}>{isClient && <PolarisVizProvider><LineChart data={seriesData} isAnimated={false} yAxisOptions={WHOLE_COUNTS} /></PolarisVizProvider>}</div>
                  </BlockStack>
                </Card>
              </InlineGrid>
            )}

            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    A/B test and holdout
                  </Text>
                  {winner && <Badge tone="success">{`Winner: ${winner.arm}`}</Badge>}
                </InlineStack>
                {!results.hasExperiment ? (
                  <Text as="p">This offer runs no experiment. Add A/B variants or a holdout group in the offer editor to measure what it adds.</Text>
                ) : (
                  <>
                    <DataTable
                      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "text", "numeric"]}
                      headings={["Group", "Visitors", "Orders", "Conversion", "Revenue / visitor", "Lift (95% interval)", "P(beats control)"]}
                      rows={results.arms.map((a) => [
                        // As on the Analytics page: a group's name keeps a readable width on a phone and the table scrolls sideways
                        // ("Holdout (saw nothing)" stood one word per line at 375 px, issue 19).
                        <span key={a.arm} style={{ display: "inline-block", minInlineSize: "10rem", whiteSpace: "normal" }}>
                          {isolate(a.label)}
                        </span>,
                        formatCount(a.counts.visitors),
                        formatCount(a.counts.conversions),
                        formatPercent(a.counts.visitors ? Math.min(a.counts.conversions, a.counts.visitors) / a.counts.visitors : null, "en", 2),
                        formatMoney(a.counts.visitors ? Math.round(a.counts.revenue / a.counts.visitors) : 0, currency, "en", shopMoney),
                        a.comparison?.lift ? formatInterval(formatSignedPercent(a.comparison.lift.value), formatSignedPercent(a.comparison.lift.low), formatSignedPercent(a.comparison.lift.high)) : "—",
                        a.comparison && a.role !== "TREATED" ? formatPercent(a.comparison.pBeatsControl) : a.role === "TREATED" && a.comparison ? `${formatPercent(a.comparison.pBeatsControl)} vs holdout` : "—",
                      ])}
                    />
                    {results.verdict.kind === "NOT_ENOUGH_DATA" && (
                      <Banner tone="info">
                        <p>{`Not enough data for a verdict yet: every group needs at least ${MIN_VISITORS} visitors and ${MIN_SUCCESSES} orders (and ${MIN_SUCCESSES} visitors without one).`}</p>
                      </Banner>
                    )}
                    {results.verdict.kind === "NO_CLEAR_WINNER" && (
                      <Text as="p" tone="subdued">{`No variant beats the others with ${formatPercent(DECISION_THRESHOLD, "en", 0)} probability yet.`}</Text>
                    )}
                    {results.incremental && (
                      <Text as="p">{`Incremental revenue against the holdout, with its 95% interval: ${formatInterval(formatMoney(results.incremental.value, currency, "en", shopMoney), formatMoney(results.incremental.low, currency, "en", shopMoney), formatMoney(results.incremental.high, currency, "en", shopMoney))}.`}</Text>
                    )}
                  </>
                )}
                {results.controlArm && (
                  <InlineStack gap="400" blockAlign="center">
                    <Form method="post">
                      <input type="hidden" name="intent" value="autoPromote" />
                      <input type="hidden" name="enabled" value={autoPromote ? "off" : "on"} />
                      <Checkbox
                        label="Promote the winner automatically once the verdict is in"
                        checked={autoPromote}
                        disabled={busy}
                        onChange={(_, id) => (document.getElementById(id)?.closest("form") as HTMLFormElement | null)?.requestSubmit()}
                      />
                    </Form>
                    {winner && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="promote" />
                        <input type="hidden" name="arm" value={winner.arm} />
                        <Button submit variant="primary" loading={busy}>
                          {`Promote ${winner.arm} now`}
                        </Button>
                      </Form>
                    )}
                  </InlineStack>
                )}
                {promotion && (
                  <Banner tone="info" title={`Variant ${promotion.variant} was promoted ${promotion.source === "AUTO" ? "automatically" : "by you"} on ${promotion.promotedAt.slice(0, 10)}`}>
                    <Form method="post">
                      <input type="hidden" name="intent" value="undo" />
                      <input type="hidden" name="promotionId" value={promotion.id} />
                      <Button submit loading={busy}>
                        Undo promotion
                      </Button>
                    </Form>
                  </Banner>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Page title="Offer analytics" backAction={{ content: "Analytics", url: "/app/analytics" }}>
        <Banner tone="warning" title="That offer does not exist">
          <p>It may have been deleted. Its past figures still count in the totals.</p>
        </Banner>
      </Page>
    );
  }
  if (isRouteErrorResponse(error) && error.status < 500) throw error;
  return (
    <Page title="Offer analytics" backAction={{ content: "Analytics", url: "/app/analytics" }}>
      <Banner tone="critical" title="Analytics could not be loaded">
        <p>Reload the page in a moment. The offer keeps running and beacons keep being recorded.</p>
      </Banner>
    </Page>
  );
}
