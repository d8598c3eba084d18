import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  ChoiceList,
  EmptyState,
  IndexFilters,
  IndexTable,
  InlineStack,
  Modal,
  Page,
  Select,
  Text,
  useBreakpoints,
  useIndexResourceState,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
  type TabProps,
} from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { ConfigTooLargeError } from "../offers/offer-compiler";
import { MOMENTS } from "@tactful/engine/types";
import { OFFER_STATUSES, OFFER_TYPES } from "../offers/offer.schema";
import { activeOfferRecords, deleteOffers, duplicateOffer, listOffers, setOfferStatus, triggerCollectionsAfterActivating } from "../offers/offers.server";
import db from "../platform/db.server";
import { offerTotals } from "../analytics/figures.server";
import { periodRange, PERIODS } from "../analytics/period";
import { formatCount, formatMoney, formatPercent } from "../analytics/format";
import { reachOfOffers } from "../offers/offer-reach.server";
import type { Reach } from "../offers/offer-reach";
import { OfferSwitch } from "../components/OfferSwitch";
import { parseListQuery, SORT_KEYS } from "../offers/offer-list-query";
import { getShopSettings } from "../offers/settings.server";
import { AdminApiError } from "../shopify/admin-api.server";
import { fetchCollectionMembership, type CollectionMembership } from "../shopify/collection-membership.server";
import { shopMoneyForDisplay } from "../shopify/shop-currency.server";
import { syncShop } from "../shopify/sync.server";
import {
  MOMENT_LABEL,
  MOMENT_SHORT,
  STATUS_LABEL,
  STATUS_TONE,
  TYPE_LABEL,
  scheduleLabel,
} from "../components/offer-labels";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const query = parseListQuery(new URL(request.url).searchParams);
  const { from, to } = periodRange(query.period);
  const [list, { settings }, shopMoney] = await Promise.all([listOffers(shop, query), getShopSettings(shop), shopMoneyForDisplay(admin)]);
  const ids = list.offers.map((o) => o.id);
  const activeIds = list.offers.filter((o) => o.status === "ACTIVE").map((o) => o.id);
  // Figures from the daily rollups, and whether each active offer on the page can show at all (decision record 0075).
  const [totals, active] = await Promise.all([offerTotals(db, shop, from, to, ids), activeOfferRecords(shop, db, activeIds)]);
  const reach = await reachOfOffers(admin, active, settings);
  const figures = Object.fromEntries(totals.map((t) => [t.offerId, { impressions: t.impressions, accepts: t.accepts, revenue: t.revenue }]));
  return { ...list, query, from, to, figures, reach, currency: shopMoney?.currency ?? null, shopMoney };
};

const bulkSchema = z.object({
  intent: z.enum(["activate", "pause", "archive", "delete", "duplicate"], { error: "Unknown action" }),
  ids: z
    .array(z.string().min(1))
    .min(1, { error: "Select at least one offer" })
    .max(250, { error: "Select at most 250 offers at once" }),
});

const STATUS_FOR = { activate: "ACTIVE", pause: "PAUSED", archive: "ARCHIVED" } as const;

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const form = await request.formData();
  const parsed = bulkSchema.safeParse({ intent: form.get("intent"), ids: form.getAll("ids").map(String) });
  if (!parsed.success)
    return json({ ok: false, error: parsed.error.issues[0]?.message ?? "Invalid request" }, { status: 400 });
  const { intent, ids } = parsed.data;
  const shop = session.shop;
  let message: string;
  let membership: CollectionMembership | undefined;
  try {
    if (intent === "delete") {
      const n = await deleteOffers(shop, ids);
      message = `${n} offer${n === 1 ? "" : "s"} deleted`;
    } else if (intent === "duplicate") {
      for (const id of ids) await duplicateOffer(shop, id);
      message = ids.length === 1 ? "Offer duplicated as a draft" : `${ids.length} offers duplicated as drafts`;
    } else {
      const { settings } = await getShopSettings(shop);
      // Activating publishes trigger collections with their products: the size check needs them first (decision record 0054).
      if (intent === "activate") {
        try {
          membership = await fetchCollectionMembership(admin, await triggerCollectionsAfterActivating(shop, ids));
        } catch (error) {
          // Shopify unreachable: the change stands, and the sync after it reports why publishing failed.
          if (!(error instanceof AdminApiError)) throw error;
        }
      }
      const n = await setOfferStatus(shop, ids, STATUS_FOR[intent], settings, membership ? { collections: membership } : {});
      message = `${n} offer${n === 1 ? "" : "s"} ${intent === "activate" ? "activated" : intent === "pause" ? "paused" : "archived"}`;
    }
  } catch (error) {
    if (error instanceof ConfigTooLargeError)
      return json({ ok: false, error: error.message }, { status: 400 });
    throw error;
  }
  const sync = intent === "duplicate" ? null : await syncShop(shop, admin, membership);
  return json({ ok: true, message, syncError: sync && !sync.ok ? sync.error : null });
};

type ActionData = { ok: true; message: string; syncError: string | null } | { ok: false; error: string };

/**
 * A row's on/off switch: the same action as the bulk Activate and Pause (save,
 * then sync as Save does). It shows the new state at once and falls back to
 * the saved one, with the reason, when the server refuses.
 */
function RowSwitch({ id, name, status }: { id: string; name: string; status: string }) {
  const fetcher = useFetcher<ActionData>();
  const pending = fetcher.formData?.get("intent");
  const checked = pending ? pending === "activate" : status === "ACTIVE";
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <BlockStack gap="100">
      <OfferSwitch
        checked={checked}
        busy={fetcher.state !== "idle"}
        label={`${name}: ${checked ? "on, shoppers can see it" : "off"}`}
        onChange={(on) => fetcher.submit({ intent: on ? "activate" : "pause", ids: id }, { method: "post" })}
      />
      {answer && !answer.ok && (
        <Text as="span" variant="bodySm" tone="critical">
          {`Not changed: ${answer.error}`}
        </Text>
      )}
      {answer?.ok && answer.syncError && (
        <Text as="span" variant="bodySm" tone="caution">
          {`Saved, not yet on your store: ${answer.syncError}`}
        </Text>
      )}
    </BlockStack>
  );
}

/** "Never shows" for an active offer the engine refuses for every trigger; else its status. */
function StatusBadge({ status, reach }: { status: string; reach: Reach | undefined }) {
  if (status === "ACTIVE" && reach?.kind === "NEVER") return <Badge tone="critical">Never shows</Badge>;
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status] ?? status}</Badge>;
}

function NeverShows({ reach }: { reach: Reach | undefined }) {
  if (reach?.kind !== "NEVER") return null;
  return (
    <div style={{ whiteSpace: "normal", maxInlineSize: "28rem" }}>
      <Text as="p" variant="bodySm" tone="critical">
        {reach.message}
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        {`Fix: ${reach.fix}`}
      </Text>
    </div>
  );
}

const TABS = ["ALL", ...OFFER_STATUSES] as const;
// Module-level so the array is stable: Polaris re-measures tabs whenever this prop changes identity.
const TAB_PROPS: TabProps[] = TABS.map((t, i) => ({
  id: `tab-${t}`,
  content: t === "ALL" ? "All" : (STATUS_LABEL[t] ?? t),
  index: i,
  isLocked: i === 0,
  onAction: () => {},
}));
const SORT_OPTIONS: IndexFiltersProps["sortOptions"] = SORT_KEYS.flatMap((key) => {
  const label = {
    updatedAt: "Last edited",
    name: "Name",
    priority: "Priority",
    startsAt: "Start date",
    status: "Status",
  }[key];
  return [
    {
      label,
      value: `${key} asc` as const,
      directionLabel: key === "name" || key === "status" ? "A–Z" : key === "priority" ? "Lowest first" : "Oldest first",
    },
    {
      label,
      value: `${key} desc` as const,
      directionLabel:
        key === "name" || key === "status" ? "Z–A" : key === "priority" ? "Highest first" : "Newest first",
    },
  ];
});

export default function Offers() {
  const { offers, total, page, pageCount, query, figures, reach, currency, shopMoney } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params, setParams] = useSearchParams();
  const submit = useSubmit();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { smDown } = useBreakpoints();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [queryValue, setQueryValue] = useState(query.q);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(offers);
  const busy = navigation.state !== "idle";

  const update = useCallback(
    (patch: Record<string, string | string[] | null>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch)) {
        next.delete(k);
        if (Array.isArray(v)) v.forEach((x) => next.append(k, x));
        else if (v) next.set(k, v);
      }
      if (!("page" in patch)) next.delete("page");
      setParams(next, { replace: true, preventScrollReset: true });
    },
    [params, setParams],
  );

  // Search as the merchant types, without a request per keystroke.
  useEffect(() => {
    if (queryValue === query.q) return;
    const t = setTimeout(() => update({ q: queryValue || null }), 300);
    return () => clearTimeout(t);
  }, [queryValue, query.q, update]);

  useEffect(() => {
    if (actionData?.ok) clearSelection();
  }, [actionData, clearSelection]);

  const bulk = (intent: string, ids: string[] = selectedResources) => {
    const form = new FormData();
    form.set("intent", intent);
    ids.forEach((id) => form.append("ids", id));
    submit(form, { method: "post" });
  };

  const tabIndex = query.statuses.length === 1 ? TABS.indexOf(query.statuses[0] ?? "ALL") : 0;

  const filters: IndexFiltersProps["filters"] = [
    {
      key: "type",
      label: "Type",
      filter: (
        <ChoiceList
          title="Type"
          titleHidden
          allowMultiple
          choices={OFFER_TYPES.map((t) => ({ label: TYPE_LABEL[t] ?? t, value: t }))}
          selected={query.types}
          onChange={(v) => update({ type: v })}
        />
      ),
      shortcut: true,
    },
    {
      key: "moment",
      label: "Moment",
      filter: (
        <ChoiceList
          title="Moment"
          titleHidden
          allowMultiple
          choices={MOMENTS.map((m) => ({ label: MOMENT_LABEL[m] ?? m, value: m }))}
          selected={query.moments}
          onChange={(v) => update({ moment: v })}
        />
      ),
      shortcut: true,
    },
  ];
  const appliedFilters: IndexFiltersProps["appliedFilters"] = [
    ...(query.types.length
      ? [
          {
            key: "type",
            label: `Type: ${query.types.map((t) => TYPE_LABEL[t]).join(", ")}`,
            onRemove: () => update({ type: null }),
          },
        ]
      : []),
    ...(query.moments.length
      ? [
          {
            key: "moment",
            label: `Moment: ${query.moments.map((m) => MOMENT_LABEL[m]).join(", ")}`,
            onRemove: () => update({ moment: null }),
          },
        ]
      : []),
  ];

  const filtered = query.q || query.statuses.length || query.types.length || query.moments.length;
  const empty = total === 0 && !filtered;

  const rows = offers.map((o, index) => {
    const r = o.status === "ACTIVE" ? reach[o.id] : undefined;
    const status = <StatusBadge status={o.status} reach={r} />;
    const moments = o.moments.map((m) => MOMENT_SHORT[m] ?? m).join(", ");
    const schedule = scheduleLabel(o.startsAt, o.endsAt);
    const f = figures[o.id] ?? { impressions: 0, accepts: 0, revenue: 0 };
    const conversion = formatPercent(f.impressions ? f.accepts / f.impressions : null);
    const revenue = formatMoney(f.revenue, currency, "en", shopMoney);
    return (
      <IndexTable.Row
        id={o.id}
        key={o.id}
        position={index}
        selected={selectedResources.includes(o.id)}
        onClick={() => navigate(`/app/offers/${o.id}`)}
      >
        {smDown ? (
          // Phones: one stacked cell per offer, as Polaris' condensed tables expect.
          <div style={{ padding: "12px 16px" }}>
            <BlockStack gap="100">
              <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
                <Text as="span" variant="bodyMd" fontWeight="semibold" truncate>
                  {o.name}
                </Text>
                {status}
              </InlineStack>
              <NeverShows reach={r} />
              <Text as="span" tone="subdued" variant="bodySm">
                {`${TYPE_LABEL[o.type] ?? o.type} · ${moments} · ${schedule} · priority ${o.priority}`}
              </Text>
              <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
                <RowSwitch id={o.id} name={o.name} status={o.status} />
                <Text as="span" variant="bodySm" numeric>
                  {`${formatCount(f.impressions)} seen · ${conversion} · ${revenue}`}
                </Text>
              </InlineStack>
            </BlockStack>
          </div>
        ) : (
          <>
            <IndexTable.Cell>
              <RowSwitch id={o.id} name={o.name} status={o.status} />
            </IndexTable.Cell>
            <IndexTable.Cell>
              {/* Long names wrap instead of widening the table past the screen. */}
              <div style={{ whiteSpace: "normal", minInlineSize: "10rem" }}>
                <BlockStack gap="100">
                  <Text as="span" variant="bodyMd" fontWeight="semibold">
                    {o.name}
                  </Text>
                  <NeverShows reach={r} />
                </BlockStack>
              </div>
            </IndexTable.Cell>
            <IndexTable.Cell>{status}</IndexTable.Cell>
            <IndexTable.Cell>{TYPE_LABEL[o.type] ?? o.type}</IndexTable.Cell>
            <IndexTable.Cell>
              <div style={{ whiteSpace: "normal", maxInlineSize: "9rem" }}>
                <Text as="span" tone="subdued">
                  {moments}
                </Text>
              </div>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {formatCount(f.impressions)}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {conversion}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {revenue}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <Text as="span" alignment="end" numeric>
                {/* A negative priority must read "-2", not "2-", in right-to-left admins. */}
                <span dir="ltr">{o.priority}</span>
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{schedule}</IndexTable.Cell>
          </>
        )}
      </IndexTable.Row>
    );
  });

  return (
    // Full width, as Shopify's own Products list: eleven columns do not fit the default page
    // width, and a table that scrolls hides its last columns (in right to left, its figures).
    <Page
      fullWidth
      title="Offers"
      primaryAction={{ content: "Create offer", url: "/app/offers/new" }}
      backAction={{ content: "Home", url: "/app" }}
    >
      {actionData && (
        <div style={{ marginBottom: "1rem" }}>
          {actionData.ok ? (
            <Banner tone={actionData.syncError ? "warning" : "success"} title={actionData.message}>
              {actionData.syncError && (
                <p>
                  Saved, but Shopify has not received it yet: {actionData.syncError} Your storefront keeps the last
                  offers that synced.
                </p>
              )}
            </Banner>
          ) : (
            <Banner tone="critical" title="Nothing was changed">
              <p>{actionData.error}</p>
            </Banner>
          )}
        </div>
      )}
      {!empty && (
        <div style={{ marginBottom: "1rem" }}>
          <Box maxWidth="240px" paddingInlineStart={{ xs: "400", sm: "0" }}>
            <Select
              label="Figures for"
              options={PERIODS.map((p) => ({ label: `Last ${p} days`, value: p }))}
              value={query.period}
              onChange={(period) => update({ period, page: String(page) })}
            />
          </Box>
        </div>
      )}
      <Card padding="0">
        {empty ? (
          <EmptyState
            heading="Create your first offer"
            action={{ content: "Create offer", url: "/app/offers/new" }}
            image="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
          >
            <p>
              An offer suggests an upgrade, a complementary product or a bundle at a moment you choose: after
              add-to-cart, in the cart or just before checkout. It never raises the cart beyond your price cap.
            </p>
          </EmptyState>
        ) : (
          <>
            <IndexFilters
              sortOptions={SORT_OPTIONS}
              sortSelected={[`${query.sort} ${query.dir}`]}
              onSort={(v) => {
                const [sort, dir] = (v[0] ?? "updatedAt desc").split(" ");
                update({ sort: sort ?? null, dir: dir ?? null });
              }}
              queryValue={queryValue}
              queryPlaceholder="Search offers by name"
              onQueryChange={setQueryValue}
              onQueryClear={() => setQueryValue("")}
              cancelAction={{ onAction: () => setQueryValue(query.q), disabled: false, loading: false }}
              tabs={TAB_PROPS}
              selected={tabIndex < 0 ? 0 : tabIndex}
              onSelect={(i) => update({ status: i === 0 ? null : (TABS[i] ?? null) })}
              filters={filters}
              appliedFilters={appliedFilters}
              onClearAll={() => update({ type: null, moment: null, q: null })}
              mode={mode}
              setMode={setMode}
              loading={busy}
              canCreateNewView={false}
            />
            <IndexTable
              condensed={smDown}
              resourceName={{ singular: "offer", plural: "offers" }}
              itemCount={offers.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              headings={[
                { title: "On" },
                { title: "Name" },
                { title: "Status" },
                { title: "Type" },
                { title: "Moments" },
                { title: "Impressions", alignment: "end" },
                { title: "Conversion", alignment: "end", tooltipContent: "Accepted ÷ shown, in the period" },
                { title: "Revenue", alignment: "end", tooltipContent: "Attributed revenue of accepted offer lines, in the period" },
                { title: "Priority", alignment: "end" },
                { title: "Schedule" },
              ]}
              promotedBulkActions={[
                { content: "Activate", onAction: () => bulk("activate") },
                { content: "Pause", onAction: () => bulk("pause") },
              ]}
              bulkActions={[
                { content: "Duplicate as draft", onAction: () => bulk("duplicate") },
                { content: "Archive", onAction: () => bulk("archive") },
                { content: "Delete", onAction: () => setConfirmDelete(true) },
              ]}
              emptyState={
                <EmptyState heading="No offers match" image="">
                  <p>Try another search or remove a filter.</p>
                </EmptyState>
              }
              pagination={{
                hasPrevious: page > 1,
                hasNext: page < pageCount,
                onPrevious: () => update({ page: String(page - 1) }),
                onNext: () => update({ page: String(page + 1) }),
                label: `Page ${page} of ${pageCount}`,
              }}
            >
              {rows}
            </IndexTable>
          </>
        )}
      </Card>
      {!empty && (
        <InlineStack align="center">
          <div style={{ padding: "1rem" }}>
            <Text as="p" tone="subdued">
              {total === 1 ? "1 offer" : `${total} offers`}
            </Text>
          </div>
        </InlineStack>
      )}
      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete ${selectedResources.length === 1 ? "1 offer" : `${selectedResources.length} offers`}?`}
        primaryAction={{
          content: "Delete",
          destructive: true,
          onAction: () => {
            setConfirmDelete(false);
            bulk("delete");
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirmDelete(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            Deleted offers stop showing right away and can&apos;t be restored. To keep an offer&apos;s history, archive
            it instead.
          </Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
