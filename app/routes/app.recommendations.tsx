import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { fetchPreviewProducts } from "../shopify/preview-products.server";
import { checkBackfill, startBackfill, type BackfillStatus } from "../recommendations/backfill.server";
import { BACKFILL } from "../recommendations/bulk-orders";
import { RANKING } from "../recommendations/co-purchase";
import {
  coPurchaseRecommendations,
  overridesOf,
  recommendationState,
  setOverride,
  topTriggerProducts,
} from "../recommendations/recommendations.server";
import { explainPair } from "../recommendations/explain";

/*
 * Recommendations (issue 18): per trigger product, what the shop's own orders
 * say goes with it, in plain words, with Pin and Block; and the backfill of
 * past orders (decisions 0083, 0084).
 */

/** Trigger products shown: the most ordered of those with something to show, among the 200 most ordered. */
const TRIGGERS = 20;
const CANDIDATES = 200;
const PER_TRIGGER = 5;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  // A running backfill is advanced here: the page is where the merchant waits for it.
  const backfill = await checkBackfill(shop, admin);
  const [state, candidates, overrides] = await Promise.all([
    recommendationState(shop),
    topTriggerProducts(shop, CANDIDATES),
    overridesOf(shop),
  ]);
  const lists = await coPurchaseRecommendations(
    shop,
    candidates.map((t) => t.productId),
    PER_TRIGGER,
  );
  // A page of "nothing yet" cards would hide the products that have something: those are counted, not listed.
  const withLists = candidates.filter((t) => lists.get(t.productId)?.length);
  const triggers = withLists.slice(0, TRIGGERS);
  const blocked = overrides.filter((o) => o.kind === "BLOCK");
  const ids = new Set<string>();
  for (const t of triggers) ids.add(t.productId);
  for (const t of triggers) for (const r of lists.get(t.productId) ?? []) ids.add(r.productId);
  for (const b of blocked) ids.add(b.triggerProductId).add(b.productId);
  // Titles are for display: one attempt, and the ids stand in when Shopify cannot answer.
  const titles = new Map<string, string>();
  try {
    const all = [...ids];
    for (let i = 0; i < all.length; i += 50)
      for (const p of await fetchPreviewProducts(admin, all.slice(i, i + 50), 1)) titles.set(p.id, p.title);
  } catch (error) {
    console.warn(
      `recommendations page: product titles not read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const title = (id: string) => titles.get(id) ?? `Product ${id.split("/").pop()}`;
  return {
    orders: Number(state?.orders ?? 0n),
    minSupport: RANKING.minSupport,
    /** Products in orders with no recommendation yet (not enough evidence). */
    withoutRecommendations: candidates.length - withLists.length,
    backfillDays: BACKFILL.days,
    backfill: {
      ...backfill,
      startedAt: backfill.startedAt?.toISOString() ?? null,
      finishedAt: backfill.finishedAt?.toISOString() ?? null,
    },
    triggers: triggers.map((t) => ({
      productId: t.productId,
      title: title(t.productId),
      orders: t.orders,
      recommendations: (lists.get(t.productId) ?? []).map((r) => ({
        ...r,
        title: title(r.productId),
        evidence: explainPair(r),
      })),
    })),
    blocked: blocked.map((b) => ({
      triggerProductId: b.triggerProductId,
      productId: b.productId,
      triggerTitle: title(b.triggerProductId),
      title: title(b.productId),
    })),
  };
};

const productGid = z
  .string()
  .regex(/^gid:\/\/shopify\/Product\/\d{1,20}$/, "must be a product id (gid://shopify/Product/…)");
const pairSchema = z.object({ triggerProductId: productGid, productId: productGid });
export const recommendationActionSchema = z.discriminatedUnion("intent", [
  pairSchema.extend({ intent: z.literal("pin") }),
  pairSchema.extend({ intent: z.literal("block") }),
  pairSchema.extend({ intent: z.literal("clear") }),
  z.object({ intent: z.literal("backfill") }),
]);

type ActionData = { ok: true; message: string } | { ok: false; message: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const form = await request.formData().catch(() => null);
  const parsed = recommendationActionSchema.safeParse(form ? Object.fromEntries(form) : null);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    return json({ ok: false, message: `Nothing changed: ${message}` } satisfies ActionData, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "backfill") {
    const status = await startBackfill(session.shop, admin);
    if (status.status === "FAILED")
      return json({ ok: false, message: status.error ?? "The backfill did not start." } satisfies ActionData, {
        status: 502,
      });
    return json({
      ok: true,
      message: "Backfill started: Shopify is exporting your orders. This page shows its progress.",
    } satisfies ActionData);
  }
  if (input.triggerProductId === input.productId)
    return json(
      { ok: false, message: "Nothing changed: a product cannot be paired with itself." } satisfies ActionData,
      { status: 400 },
    );
  await setOverride(
    session.shop,
    input.triggerProductId,
    input.productId,
    input.intent === "pin" ? "PIN" : input.intent === "block" ? "BLOCK" : "CLEAR",
  );
  const done = {
    pin: "Pinned: it comes first for this product.",
    block: "Blocked: it is never recommended for this product.",
    clear: "Back to what the orders say.",
  }[input.intent];
  return json({ ok: true, message: done } satisfies ActionData);
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function BackfillCard({ backfill, orders, days }: { backfill: LoaderData["backfill"]; orders: number; days: number }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "backfill";
  const running = backfill.status === "RUNNING" || backfill.status === "IMPORTING";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Orders counted
        </Text>
        <Text as="p">
          {orders === 0 ? "No orders counted yet." : `${orders.toLocaleString("en")} orders counted.`} New orders count
          as they arrive; a backfill adds the last {days} days of past orders (each order counts once).
        </Text>
        <BackfillLine backfill={backfill} />
        <Form method="post">
          <input type="hidden" name="intent" value="backfill" />
          <Button submit loading={busy} disabled={running}>
            {running ? "Backfill running" : backfill.status === "COMPLETED" ? "Backfill again" : "Backfill past orders"}
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}

function BackfillLine({ backfill }: { backfill: BackfillStatus | LoaderData["backfill"] }) {
  switch (backfill.status) {
    case "NONE":
      return null;
    case "RUNNING":
      return (
        <InlineStack gap="200" blockAlign="center">
          <Badge tone="info">Running</Badge>
          <Text as="span">
            {backfill.objectCount
              ? `Shopify has exported ${backfill.objectCount.toLocaleString("en")} orders and lines so far.`
              : "Shopify is exporting your orders."}
          </Text>
        </InlineStack>
      );
    case "IMPORTING":
      return (
        <InlineStack gap="200" blockAlign="center">
          <Badge tone="info">Importing</Badge>
          <Text as="span">Counting the exported orders.</Text>
        </InlineStack>
      );
    case "COMPLETED":
      return (
        <BlockStack gap="100">
          <InlineStack gap="200" blockAlign="center">
            <Badge tone="success">Done</Badge>
            <Text as="span">
              The last backfill added {backfill.orders.toLocaleString("en")} orders not counted before.
            </Text>
          </InlineStack>
          {backfill.error ? (
            <Text as="p" tone="subdued">
              {backfill.error}
            </Text>
          ) : null}
        </BlockStack>
      );
    case "FAILED":
      return (
        <Banner tone="critical" title="The last backfill failed">
          <p>{backfill.error}</p>
        </Banner>
      );
  }
}

/** One pair action as its own small form, so it works before hydration too. */
function PairButton(props: {
  intent: "pin" | "block" | "clear";
  triggerProductId: string;
  productId: string;
  label: string;
  accessibilityLabel: string;
  critical?: boolean;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state !== "idle" &&
    navigation.formData?.get("productId") === props.productId &&
    navigation.formData?.get("triggerProductId") === props.triggerProductId;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="triggerProductId" value={props.triggerProductId} />
      <input type="hidden" name="productId" value={props.productId} />
      <Button
        submit
        size="slim"
        tone={props.critical ? "critical" : undefined}
        disabled={pending}
        accessibilityLabel={props.accessibilityLabel}
      >
        {props.label}
      </Button>
    </Form>
  );
}

function PairActions({
  triggerProductId,
  productId,
  pinned,
  productTitle,
}: {
  triggerProductId: string;
  productId: string;
  pinned: boolean;
  productTitle: string;
}) {
  const pair = { triggerProductId, productId };
  return (
    <InlineStack gap="200">
      {pinned ? (
        <PairButton intent="clear" {...pair} label="Unpin" accessibilityLabel={`Unpin ${productTitle}`} />
      ) : (
        <PairButton intent="pin" {...pair} label="Pin" accessibilityLabel={`Pin ${productTitle}`} />
      )}
      <PairButton intent="block" {...pair} label="Block" accessibilityLabel={`Block ${productTitle}`} critical />
    </InlineStack>
  );
}

export default function Recommendations() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page title="Recommendations" subtitle="What your customers buy together, from your own orders">
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BackfillCard backfill={data.backfill} orders={data.orders} days={data.backfillDays} />
        </Layout.Section>
        {data.triggers.length === 0 ? (
          <Layout.Section>
            <Card>
              <EmptyState heading={data.orders === 0 ? "No orders counted yet" : "No recommendations yet"} image="">
                <p>
                  A product is recommended with another once they have been bought together in at least{" "}
                  {data.minSupport} orders, clearly more often than chance. Backfill past orders to start from your
                  history.
                </p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : null}
        {data.triggers.map((t) => (
          <Layout.Section key={t.productId}>
            <div data-testid="trigger" data-product-id={t.productId}>
              <Card>
                <BlockStack gap="300">
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingMd">
                      {t.title}
                    </Text>
                    <Text as="p" tone="subdued">
                      In {t.orders.toLocaleString("en")} orders
                    </Text>
                  </BlockStack>
                  {t.recommendations.length === 0 ? null : (
                    <BlockStack gap="200">
                      {t.recommendations.map((r, i) => (
                        <div key={r.productId} data-testid="recommendation">
                          {i > 0 ? (
                            <Box paddingBlockEnd="200">
                              <Divider />
                            </Box>
                          ) : null}
                          <InlineStack align="space-between" blockAlign="center" gap="200" wrap>
                            <BlockStack gap="050">
                              <span style={{ display: "inline-flex", alignItems: "center", gap: "var(--p-space-200)" }}>
                                <Text as="span" variant="bodyMd" fontWeight="semibold">
                                  {r.title}
                                </Text>
                                {r.pinned ? <Badge tone="attention">Pinned</Badge> : null}
                              </span>
                              <Text as="p" tone="subdued">
                                {r.evidence}
                              </Text>
                            </BlockStack>
                            <PairActions
                              triggerProductId={t.productId}
                              productId={r.productId}
                              pinned={r.pinned}
                              productTitle={r.title}
                            />
                          </InlineStack>
                        </div>
                      ))}
                    </BlockStack>
                  )}
                </BlockStack>
              </Card>
            </div>
          </Layout.Section>
        ))}
        {data.triggers.length > 0 && data.withoutRecommendations > 0 ? (
          <Layout.Section>
            <Box paddingInline={{ xs: "400", sm: "0" }}>
              <Text as="p" tone="subdued">
                {data.withoutRecommendations.toLocaleString("en")} more{" "}
                {data.withoutRecommendations === 1 ? "product has" : "products have"} no recommendation yet: nothing is
                bought with {data.withoutRecommendations === 1 ? "it" : "them"} in {data.minSupport} or more orders
                clearly more often than chance.
              </Text>
            </Box>
          </Layout.Section>
        ) : null}
        {data.blocked.length ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Blocked pairs
                </Text>
                {data.blocked.map((b) => (
                  <InlineStack
                    key={`${b.triggerProductId}|${b.productId}`}
                    align="space-between"
                    blockAlign="center"
                    gap="200"
                    wrap
                  >
                    <span data-testid="blocked-pair">
                      <Text as="span">
                        {b.title} is never recommended with {b.triggerTitle}
                      </Text>
                    </span>
                    <PairButton
                      intent="clear"
                      triggerProductId={b.triggerProductId}
                      productId={b.productId}
                      label="Unblock"
                      accessibilityLabel={`Unblock ${b.title} for ${b.triggerTitle}`}
                    />
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
