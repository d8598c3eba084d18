import { MOMENTS } from "@tactful/engine/types";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  List,
  FormLayout,
  InlineError,
  InlineStack,
  Layout,
  Modal,
  Page,
  Select,
  Tabs,
  Tag,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useMemo, useState } from "react";
import { fractionDigits } from "@tactful/engine/money";
import type { ShopMoney } from "../shopify/shop-money";
import { errorsUnder, type FieldErrors } from "./form-utils";
import { scheduleWarnings } from "../offers/schedule";
import { MOMENT_LABEL } from "./offer-labels";
import {
  emptyContent,
  newAbVariant,
  toOfferPayload,
  type AbVariantState,
  type ContentText,
  type DiscountState,
  type OfferFormState,
  type OfferPayload,
  type OfferedProduct,
  type Ref,
} from "./offer-form";
import { pickCollections, pickProducts, pickTriggerProducts, pickVariants } from "./pickers";
import { PreviewPanel, type SampleLine } from "./PreviewPanel";

export type EditorActionData =
  | { ok: true; version: number; syncError: string | null }
  | { ok: false; errors: FieldErrors; conflict?: { currentVersion: number; updatedAt: string }; tooLarge?: string };


const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  type: "Type",
  status: "Status",
  priority: "Priority",
  moments: "Moments",
  version: "Version",
  form: "Offer",
};

/** "definition.content.en.headline" -> "Popup text (en): headline", for the error summary. */
function labelFor(path: string): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path];
  const p = path.replace(/^definition\./, "");
  const content = /^content\.([^.]+)\.(\w+)$/.exec(p);
  if (content) return `Popup text (${content[1]}): ${content[2]}`;
  const parts = p.split(".");
  const head = { items: "Offered products", upgrades: "Upgrades", trigger: "Trigger", segment: "Audience", discount: "Discount", capBps: "Price cap", delayMs: "Delay", urgency: "Urgency", timezone: "Time zone", startsAtLocal: "Start", endsAtLocal: "End", content: "Popup text", abVariants: "A/B test", holdoutBps: "Holdout" }[parts[0] ?? ""];
  return head ? `${head}${parts.length > 1 ? ` (${parts.slice(1).join(" ")})` : ""}` : p;
}

function timeZones(): string[] {
  try {
    const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
    return all.includes("UTC") ? all : ["UTC", ...all];
  } catch {
    return ["UTC"];
  }
}

function RefTags({ items, onRemove }: { items: Ref[]; onRemove: (id: string) => void }) {
  if (!items.length) return null;
  return (
    <InlineStack gap="200">
      {items.map((r) => (
        <Tag key={r.id} onRemove={() => onRemove(r.id)}>
          {r.title || r.id}
        </Tag>
      ))}
    </InlineStack>
  );
}

function ProductRow({ product, onChange, onRemove, error }: { product: OfferedProduct; onChange: () => void; onRemove: () => void; error?: string }) {
  // Shopify names the only variant of a simple product "Default Title"; merchants never see that word.
  const variants = product.variantTitles.filter((t) => t && t !== "Default Title");
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
      <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
        <BlockStack gap="050">
          <Text as="span" fontWeight="semibold">
            {product.title || product.handle}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {product.variantIds.length === 1 ? "1 variant" : `${product.variantIds.length} variants`}
            {variants.length ? `: ${variants.slice(0, 3).join(", ")}${variants.length > 3 ? "…" : ""}` : ""}
          </Text>
        </BlockStack>
        <InlineStack gap="200" wrap={false}>
          <Button variant="plain" onClick={onChange}>
            Variants
          </Button>
          <Button variant="plain" tone="critical" onClick={onRemove} accessibilityLabel={`Remove ${product.title}`}>
            Remove
          </Button>
        </InlineStack>
      </InlineStack>
      {error && <InlineError message={error} fieldID={`product-${product.productId}`} />}
    </Box>
  );
}

/** The shop currency's own digits, so "500" in yen is never read as ¥5.00. */
function moneyHelp(currency: string): string {
  const digits = fractionDigits(currency);
  return digits === 0 ? `In ${currency}, whole amounts (no decimals).` : `In ${currency}, up to ${digits} decimals.`;
}

function DiscountFields({ value, onChange, errors, prefix, idPrefix, currency }: { value: DiscountState; onChange: (d: DiscountState) => void; errors: FieldErrors; prefix: string; idPrefix: string; currency: string }) {
  return (
    <FormLayout.Group>
      <Select
        id={`${idPrefix}-kind`}
        label="Discount on the offered product"
        options={[
          { label: "No discount", value: "NONE" },
          { label: "Percentage off", value: "PERCENT" },
          { label: "Fixed amount off (each)", value: "FIXED" },
        ]}
        value={value.kind}
        onChange={(k) => onChange({ ...value, kind: k === "PERCENT" || k === "FIXED" ? k : "NONE" })}
        error={errors[prefix] ?? errors[`${prefix}.kind`]}
      />
      {value.kind === "PERCENT" && (
        <TextField
          id={`${idPrefix}-percent`}
          label="Percentage"
          type="number"
          suffix="%"
          autoComplete="off"
          value={value.percent}
          onChange={(percent) => onChange({ ...value, percent })}
          error={errors[`${prefix}.bps`]}
        />
      )}
      {value.kind === "FIXED" && (
        <TextField
          id={`${idPrefix}-amount`}
          label="Amount off each"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          suffix={currency}
          helpText={moneyHelp(currency)}
          value={value.amount}
          onChange={(amount) => onChange({ ...value, amount })}
          error={errors[`${prefix}.amount`]}
        />
      )}
    </FormLayout.Group>
  );
}

function ContentFields({ value, onChange, errors, prefix, idPrefix }: { value: ContentText; onChange: (c: ContentText) => void; errors: FieldErrors; prefix: string; idPrefix: string }) {
  const set = (k: keyof ContentText) => (v: string) => onChange({ ...value, [k]: v });
  return (
    <FormLayout>
      <TextField id={`${idPrefix}-headline`} label="Headline" autoComplete="off" value={value.headline} onChange={set("headline")} error={errors[`${prefix}.headline`]} maxLength={120} showCharacterCount helpText="Lead with the benefit: what the shopper gains." />
      <TextField id={`${idPrefix}-body`} label="Body" autoComplete="off" multiline={3} value={value.body} onChange={set("body")} error={errors[`${prefix}.body`]} maxLength={500} showCharacterCount />
      <FormLayout.Group>
        <TextField id={`${idPrefix}-accept`} label="Accept button" autoComplete="off" value={value.accept} onChange={set("accept")} error={errors[`${prefix}.accept`]} maxLength={40} />
        <TextField id={`${idPrefix}-decline`} label="Decline button" autoComplete="off" value={value.decline} onChange={set("decline")} error={errors[`${prefix}.decline`]} maxLength={40} helpText="Always one obvious click, tap or Escape." />
      </FormLayout.Group>
    </FormLayout>
  );
}

export interface OfferEditorProps {
  id: string | null;
  version: number | null;
  broken: boolean;
  initial: OfferFormState;
  shopDefaults: { capBps: number; defaultLocale: string; paused: boolean; money: ShopMoney; timezone: string };
  actionData: EditorActionData | undefined;
  saving: boolean;
  onSave: (offer: OfferPayload) => void;
  onDelete: () => void;
  onDuplicate: () => void;
  onReload: () => void;
  sample: SampleLine[];
  onSampleChange: (lines: SampleLine[]) => void;
}

export function OfferEditor(props: OfferEditorProps) {
  const { id, version, initial, actionData, saving, shopDefaults } = props;
  const shopify = useAppBridge();
  const [s, setS] = useState<OfferFormState>(initial);
  const [baseline, setBaseline] = useState<OfferFormState>(initial);
  const [localeTab, setLocaleTab] = useState(0);
  const [newLocale, setNewLocale] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const dirty = useMemo(() => JSON.stringify(s) !== JSON.stringify(baseline), [s, baseline]);
  const zones = useMemo(timeZones, []);
  // Checkout decides on the shop's calendar days (decision record 0055); say so before the merchant saves.
  const scheduleNotes = useMemo(
    () => scheduleWarnings({ startsAtLocal: s.startsAtLocal, endsAtLocal: s.endsAtLocal, timezone: s.timezone }, shopDefaults.timezone, Date.now()),
    [s.startsAtLocal, s.endsAtLocal, s.timezone, shopDefaults.timezone],
  );

  const errors: FieldErrors = actionData && !actionData.ok ? actionData.errors : {};
  const conflict = actionData && !actionData.ok && actionData.conflict && actionData.conflict.currentVersion !== version ? actionData.conflict : undefined;
  const saved = actionData?.ok && actionData.version === version ? actionData : undefined;
  const d = (k: string) => errors[`definition.${k}`];

  useEffect(() => {
    if (saved) shopify.toast?.show?.("Offer saved");
  }, [saved, shopify]);

  const patch = (p: Partial<OfferFormState>) => setS((prev) => ({ ...prev, ...p }));
  const patchTrigger = (p: Partial<OfferFormState["trigger"]>) => setS((prev) => ({ ...prev, trigger: { ...prev.trigger, ...p } }));
  const patchSegment = (p: Partial<OfferFormState["segment"]>) => setS((prev) => ({ ...prev, segment: { ...prev.segment, ...p } }));
  const patchVariant = (i: number, p: Partial<AbVariantState>) => setS((prev) => ({ ...prev, abVariants: prev.abVariants.map((v, j) => (j === i ? { ...v, ...p } : v)) }));

  const currency = shopDefaults.money.currency;
  const payload = useMemo(() => toOfferPayload(s, version, currency), [s, version, currency]);
  const save = () => {
    setBaseline(s);
    props.onSave(payload);
  };
  // A refused save keeps the form dirty so the save bar stays up.
  useEffect(() => {
    if (actionData && !actionData.ok) setBaseline(initial);
  }, [actionData, initial]);

  const addItems = async () => {
    const picked = await pickProducts(shopify, { multiple: 3, selected: s.items.map((i) => ({ id: i.productId, variantIds: i.variantIds })) });
    if (picked) patch({ items: picked.slice(0, 3) });
  };
  const changeItem = async (index: number) => {
    const item = s.items[index];
    if (!item) return;
    const picked = await pickProducts(shopify, { multiple: false, selected: [{ id: item.productId, variantIds: item.variantIds }] });
    const first = picked?.[0];
    if (first) patch({ items: s.items.map((x, j) => (j === index ? first : x)) });
  };
  const addUpgrade = async () => {
    const from = await pickProducts(shopify, { multiple: false });
    const f = from?.[0];
    if (!f) return;
    const to = await pickProducts(shopify, { multiple: false });
    const t = to?.[0];
    if (!t) return;
    const fromVariant = f.variantIds.length === 1 ? (f.variantIds[0] ?? null) : null;
    patch({ upgrades: [...s.upgrades, { from: { productId: f.productId, variantId: fromVariant, title: f.title + (fromVariant && f.variantTitles[0] && f.variantTitles[0] !== "Default Title" ? ` – ${f.variantTitles[0]}` : "") }, to: t }].slice(0, 3) });
  };

  const locale = s.locales[localeTab] ?? s.locales[0] ?? shopDefaults.defaultLocale;
  const addLocale = () => {
    const l = newLocale.trim();
    if (!l || s.locales.includes(l)) return;
    const base = s.content[s.locales[0] ?? ""] ?? emptyContent();
    patch({ locales: [...s.locales, l], content: { ...s.content, [l]: { ...base } } });
    setLocaleTab(s.locales.length);
    setNewLocale("");
  };
  const removeLocale = (l: string) => {
    if (s.locales.length <= 1) return;
    const content = { ...s.content };
    delete content[l];
    patch({ locales: s.locales.filter((x) => x !== l), content });
    setLocaleTab(0);
  };

  const errorList = Object.entries(errors).filter(([k]) => k !== "form");
  const abErrors = errorsUnder(errors, "definition.abVariants");
  const defaultCap = `${shopDefaults.capBps / 100}%`;

  return (
    <Page
      title={id ? s.name || "Untitled offer" : "Create offer"}
      backAction={{ content: "Offers", url: "/app/offers" }}
      primaryAction={{ content: "Save", onAction: save, loading: saving, disabled: !dirty && id !== null }}
      secondaryActions={
        id
          ? [
              { content: "Duplicate", onAction: props.onDuplicate, disabled: dirty, helpText: dirty ? "Save or discard your changes first" : undefined },
              { content: "Delete", destructive: true, onAction: () => setConfirmDelete(true) },
            ]
          : []
      }
    >
      <SaveBar id="offer-save-bar" open={dirty}>
        <button variant="primary" onClick={save} disabled={saving}>
          Save
        </button>
        <button onClick={() => setS(baseline)}>Discard</button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {conflict && (
              <Banner tone="critical" title="This offer changed since you opened it" action={{ content: "Reload offer", onAction: props.onReload }}>
                <p>
                  Someone saved a newer version (version {conflict.currentVersion}) on {new Date(conflict.updatedAt).toLocaleString("en-US", { timeZone: "UTC" })} UTC. Nothing
                  was overwritten and your changes are not saved. Reload to see the newer version; your edits here will be replaced.
                </p>
              </Banner>
            )}
            {actionData && !actionData.ok && actionData.tooLarge && (
              <Banner tone="critical" title="Over Shopify's limits for published offers">
                <p>{actionData.tooLarge}</p>
                <p>Nothing was saved.</p>
              </Banner>
            )}
            {actionData && !actionData.ok && !actionData.tooLarge && !conflict && (errorList.length > 0 || errors.form) && (
              <Banner tone="critical" title={`${errorList.length || 1} field${errorList.length === 1 ? " needs" : "s need"} attention. Nothing was saved.`}>
                <ul style={{ margin: 0, paddingInlineStart: "1.2em" }}>
                  {errors.form && <li>{errors.form}</li>}
                  {errorList.map(([k, v]) => (
                    <li key={k}>
                      {labelFor(k)}: {v}
                    </li>
                  ))}
                </ul>
              </Banner>
            )}
            {saved?.syncError && (
              <Banner tone="warning" title="Saved, but not yet live">
                <p>
                  Shopify has not received this change: {saved.syncError} Your storefront keeps the last offers that synced. Saving again retries.
                </p>
              </Banner>
            )}
            {props.broken && (
              <Banner tone="warning" title="This offer could not be read">
                <p>It was saved in an older format. The form shows defaults; saving replaces the stored offer.</p>
              </Banner>
            )}

            <Card>
              <FormLayout>
                <TextField id="offer-name" label="Name" autoComplete="off" value={s.name} onChange={(name) => patch({ name })} error={errors.name} helpText="Only you see this." maxLength={100} />
                <ChoiceList
                  title="Type"
                  choices={[
                    { label: "Cross-sell", value: "CROSS_SELL", helpText: "Adds a complementary product: socks with sneakers." },
                    { label: "Upsell", value: "UPSELL", helpText: "Swaps a cart item for a better version; it never adds a second line." },
                    { label: "Bundle", value: "BUNDLE", helpText: "Related products together, at a lower combined price." },
                  ]}
                  selected={[s.type]}
                  onChange={([t]) => patch({ type: t === "UPSELL" || t === "BUNDLE" ? t : "CROSS_SELL" })}
                  error={errors.type}
                />
                <FormLayout.Group>
                  <Select
                    id="offer-status"
                    label="Status"
                    options={[
                      { label: "Draft", value: "DRAFT" },
                      { label: "Active", value: "ACTIVE" },
                      { label: "Paused", value: "PAUSED" },
                      { label: "Archived", value: "ARCHIVED" },
                    ]}
                    value={s.status}
                    onChange={(v) => patch({ status: v === "ACTIVE" || v === "PAUSED" || v === "ARCHIVED" ? v : "DRAFT" })}
                    error={errors.status}
                    helpText="Only active offers reach your storefront."
                  />
                  <TextField
                    id="offer-priority"
                    label="Priority"
                    type="number"
                    autoComplete="off"
                    value={s.priority}
                    onChange={(priority) => patch({ priority })}
                    error={errors.priority}
                    helpText="When several offers qualify, the highest priority shows."
                  />
                </FormLayout.Group>
              </FormLayout>
            </Card>

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {s.type === "UPSELL" ? "Upgrades" : "Offered products"}
                </Text>
                {s.type === "UPSELL" ? (
                  <>
                    <Text as="p" tone="subdued">
                      Each upgrade swaps a product in the cart for a better one. Pick a single variant on the left to swap only that variant.
                    </Text>
                    {s.upgrades.map((u, i) => (
                      <Box key={`${u.from.productId}-${i}`} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                        <InlineStack align="space-between" blockAlign="center" gap="200">
                          <Text as="span">
                            <Text as="span" fontWeight="semibold">
                              {u.from.title || u.from.productId}
                            </Text>{" "}
                            →{" "}
                            <Text as="span" fontWeight="semibold">
                              {u.to.title || u.to.handle}
                            </Text>
                          </Text>
                          <Button variant="plain" tone="critical" onClick={() => patch({ upgrades: s.upgrades.filter((_, j) => j !== i) })}>
                            Remove
                          </Button>
                        </InlineStack>
                        {errorsUnder(errors, `definition.upgrades.${i}`).map((m) => (
                          <InlineError key={m} message={m} fieldID={`upgrade-${i}`} />
                        ))}
                      </Box>
                    ))}
                    {d("upgrades") && <InlineError message={d("upgrades") ?? ""} fieldID="offer-upgrades" />}
                    <Box>
                      <Button id="offer-upgrades" onClick={addUpgrade} disabled={s.upgrades.length >= 3}>
                        Add upgrade
                      </Button>
                    </Box>
                  </>
                ) : (
                  <>
                    <Text as="p" tone="subdued">
                      At most three products (the rule of three). The first variant you tick is the one the popup suggests.
                    </Text>
                    {s.items.map((item, i) => (
                      <ProductRow
                        key={item.productId}
                        product={item}
                        onChange={() => changeItem(i)}
                        onRemove={() => patch({ items: s.items.filter((_, j) => j !== i) })}
                        error={errorsUnder(errors, `definition.items.${i}`)[0]}
                      />
                    ))}
                    {d("items") && <InlineError message={d("items") ?? ""} fieldID="offer-items" />}
                    <Box>
                      <Button id="offer-items" onClick={addItems}>
                        {s.items.length ? "Change products" : "Add products"}
                      </Button>
                    </Box>
                  </>
                )}
                {s.type === "UPSELL" ? (
                  <Text as="p" tone="subdued">
                    No discount on upgrades: the popup shows the upgrade at its own price, because the swap removes the item that qualified and Shopify could not honour a discount at checkout.
                  </Text>
                ) : (
                  <DiscountFields value={s.discount} onChange={(discount) => patch({ discount })} errors={errors} prefix="definition.discount" idPrefix="offer-discount" currency={currency} />
                )}
                <TextField
                  id="offer-cap"
                  label="Price cap"
                  type="number"
                  suffix="%"
                  autoComplete="off"
                  placeholder={`Shop default (${defaultCap})`}
                  value={s.cap}
                  onChange={(cap) => patch({ cap })}
                  error={d("capBps")}
                  helpText={`Hidden whenever accepting would raise the cart (for an upgrade: the swapped item) by more than this. Leave empty for your shop default, ${defaultCap}.`}
                />
              </BlockStack>
            </Card>

            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  When it appears
                </Text>
                <ChoiceList
                  title="Moments"
                  allowMultiple
                  choices={MOMENTS.map((m) => ({ label: MOMENT_LABEL[m] ?? m, value: m }))}
                  selected={s.moments}
                  onChange={(moments) => patch({ moments })}
                  error={errors.moments}
                />
                <TextField
                  id="offer-delay"
                  label="Delay"
                  type="number"
                  suffix="seconds"
                  autoComplete="off"
                  value={s.delaySeconds}
                  onChange={(delaySeconds) => patch({ delaySeconds })}
                  error={d("delayMs")}
                  helpText="Wait this long after the moment before opening. Popups never open on page load."
                />
              </FormLayout>
            </Card>

            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  Trigger: what must be in the cart
                </Text>
                <Select
                  label="Match"
                  options={[
                    { label: "Any of these is in the cart", value: "ANY" },
                    { label: "All of these are in the cart", value: "ALL" },
                  ]}
                  value={s.trigger.match}
                  onChange={(v) => patchTrigger({ match: v === "ALL" ? "ALL" : "ANY" })}
                  error={d("trigger.match")}
                />
                <BlockStack gap="200">
                  <InlineStack gap="200">
                    <Button onClick={async () => { const r = await pickTriggerProducts(shopify, s.trigger.products); if (r) patchTrigger({ products: r }); }}>Products</Button>
                    <Button onClick={async () => { const r = await pickVariants(shopify, s.trigger.variants); if (r) patchTrigger({ variants: r }); }}>Variants</Button>
                    <Button onClick={async () => { const r = await pickCollections(shopify, s.trigger.collections); if (r) patchTrigger({ collections: r }); }}>Collections</Button>
                  </InlineStack>
                  <RefTags items={s.trigger.products} onRemove={(rid) => patchTrigger({ products: s.trigger.products.filter((x) => x.id !== rid) })} />
                  <RefTags items={s.trigger.variants} onRemove={(rid) => patchTrigger({ variants: s.trigger.variants.filter((x) => x.id !== rid) })} />
                  <RefTags items={s.trigger.collections} onRemove={(rid) => patchTrigger({ collections: s.trigger.collections.filter((x) => x.id !== rid) })} />
                  {errorsUnder(errors, "definition.trigger.products").concat(errorsUnder(errors, "definition.trigger.variants"), errorsUnder(errors, "definition.trigger.collections")).map((m) => (
                    <InlineError key={m} message={m} fieldID="offer-trigger" />
                  ))}
                </BlockStack>
                <TextField label="Product tags" autoComplete="off" value={s.trigger.tags} onChange={(tags) => patchTrigger({ tags })} error={d("trigger.tags")} helpText="Comma-separated." />
                <FormLayout.Group>
                  <TextField id="offer-subtotal-min" label="Cart value at least" type="text" inputMode="decimal" suffix={currency} autoComplete="off" value={s.trigger.subtotalMin} onChange={(subtotalMin) => patchTrigger({ subtotalMin })} error={d("trigger.subtotalMin")} />
                  <TextField id="offer-subtotal-max" label="Cart value at most" type="text" inputMode="decimal" suffix={currency} autoComplete="off" value={s.trigger.subtotalMax} onChange={(subtotalMax) => patchTrigger({ subtotalMax })} error={d("trigger.subtotalMax")} />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label="Items at least" type="number" autoComplete="off" value={s.trigger.itemsMin} onChange={(itemsMin) => patchTrigger({ itemsMin })} error={d("trigger.itemsMin")} />
                  <TextField label="Items at most" type="number" autoComplete="off" value={s.trigger.itemsMax} onChange={(itemsMax) => patchTrigger({ itemsMax })} error={d("trigger.itemsMax")} />
                </FormLayout.Group>
                <Text as="p" tone="subdued" variant="bodySm">
                  Leave everything empty to trigger on any cart. Cart values are in your shop&apos;s currency ({currency}) and converted for shoppers paying in another.
                </Text>
              </FormLayout>
            </Card>

            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  Audience
                </Text>
                <FormLayout.Group>
                  <Select
                    label="Customers"
                    options={[
                      { label: "Everyone", value: "ANY" },
                      { label: "Logged-in customers", value: "LOGGED_IN" },
                      { label: "Guests", value: "GUEST" },
                    ]}
                    value={s.segment.customer}
                    onChange={(v) => patchSegment({ customer: v === "LOGGED_IN" || v === "GUEST" ? v : "ANY" })}
                    error={d("segment.customer")}
                  />
                  <Select
                    label="Order history"
                    options={[
                      { label: "New and returning", value: "ANY" },
                      { label: "New customers", value: "NEW" },
                      { label: "Returning customers", value: "RETURNING" },
                    ]}
                    value={s.segment.history}
                    onChange={(v) => patchSegment({ history: v === "NEW" || v === "RETURNING" ? v : "ANY" })}
                    error={d("segment.history")}
                  />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label="Customer tags (any of)" autoComplete="off" value={s.segment.tagsInclude} onChange={(tagsInclude) => patchSegment({ tagsInclude })} error={d("segment.tagsInclude")} helpText="Comma-separated." />
                  <TextField label="Exclude customer tags" autoComplete="off" value={s.segment.tagsExclude} onChange={(tagsExclude) => patchSegment({ tagsExclude })} error={d("segment.tagsExclude")} />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label="Countries" autoComplete="off" placeholder="All countries" value={s.segment.countries} onChange={(countries) => patchSegment({ countries })} error={errorsUnder(errors, "definition.segment.countries")[0]} helpText="Two-letter codes, e.g. DE, FR." />
                  <TextField label="Markets" autoComplete="off" placeholder="All markets" value={s.segment.markets} onChange={(markets) => patchSegment({ markets })} error={d("segment.markets")} helpText="Market handles." />
                  <TextField label="Languages" autoComplete="off" placeholder="All languages" value={s.segment.locales} onChange={(locales) => patchSegment({ locales })} error={errorsUnder(errors, "definition.segment.locales")[0]} helpText="e.g. en, ar, pt-BR." />
                </FormLayout.Group>
              </FormLayout>
            </Card>

            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  Schedule
                </Text>
                <Select label="Time zone" options={zones.map((z) => ({ label: z, value: z }))} value={s.timezone} onChange={(timezone) => patch({ timezone })} error={d("timezone")} />
                <FormLayout.Group>
                  <TextField id="offer-starts" label="Starts" type="datetime-local" autoComplete="off" value={s.startsAtLocal} onChange={(startsAtLocal) => patch({ startsAtLocal })} error={d("startsAtLocal")} helpText="Empty: starts when activated." />
                  <TextField id="offer-ends" label="Ends" type="datetime-local" autoComplete="off" value={s.endsAtLocal} onChange={(endsAtLocal) => patch({ endsAtLocal })} error={d("endsAtLocal")} helpText="Empty: runs until you pause it." />
                </FormLayout.Group>
                {scheduleNotes.length > 0 && (
                  <Banner tone="warning" title="Check this schedule">
                    <List>
                      {scheduleNotes.map((n) => (
                        <List.Item key={n}>{n}</List.Item>
                      ))}
                    </List>
                  </Banner>
                )}
                <Text as="h3" variant="headingSm">
                  Honest urgency
                </Text>
                <Checkbox
                  label="Show the end date (“Offer ends …”)"
                  helpText="Only possible when the offer really has an end date. Tactful never shows countdown timers."
                  checked={s.showEndDate}
                  onChange={(showEndDate) => patch({ showEndDate })}
                  error={d("urgency.showEndDate")}
                />
                <TextField
                  label="Show “Only N left” below"
                  type="number"
                  autoComplete="off"
                  placeholder="Never"
                  value={s.lowStockBelow}
                  onChange={(lowStockBelow) => patch({ lowStockBelow })}
                  error={d("urgency.lowStockBelow")}
                  helpText="Shown only when your real stock is this low."
                />
              </FormLayout>
            </Card>

            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Popup text
                  </Text>
                  {s.locales.length > 1 && (
                    <Button variant="plain" tone="critical" onClick={() => removeLocale(locale)}>
                      {`Remove ${locale}`}
                    </Button>
                  )}
                </InlineStack>
                <Tabs
                  tabs={s.locales.map((l) => ({ id: `locale-${l}`, content: l, badge: errorsUnder(errors, `definition.content.${l}`).length ? "!" : undefined }))}
                  selected={Math.min(localeTab, s.locales.length - 1)}
                  onSelect={setLocaleTab}
                />
                <ContentFields
                  value={s.content[locale] ?? emptyContent()}
                  onChange={(c) => patch({ content: { ...s.content, [locale]: c } })}
                  errors={errors}
                  prefix={`definition.content.${locale}`}
                  idPrefix="offer-content"
                />
                {d("content") && <InlineError message={d("content") ?? ""} fieldID="offer-content" />}
                <InlineStack gap="200" blockAlign="end">
                  <div style={{ flex: "1 1 12rem" }}>
                    <TextField label="Add a language" autoComplete="off" placeholder="e.g. ar, de, pt-BR" value={newLocale} onChange={setNewLocale} />
                  </div>
                  <Button onClick={addLocale} disabled={!newLocale.trim()}>
                    Add
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  A/B test
                </Text>
                <Checkbox
                  label="Test variations of this offer"
                  helpText="Shoppers are split by weight. The first variant is the control."
                  checked={s.abEnabled}
                  onChange={(abEnabled) =>
                    patch({
                      abEnabled,
                      abVariants: abEnabled && s.abVariants.length < 2 ? [0, 1].map((i) => newAbVariant(i, s.content[s.locales[0] ?? ""] ?? emptyContent())) : s.abVariants,
                    })
                  }
                />
                {s.abEnabled && (
                  <BlockStack gap="300">
                    {s.abVariants.map((v, i) => (
                      <Box key={v.id} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                        <BlockStack gap="300">
                          <FormLayout>
                            <FormLayout.Group>
                              <TextField label={`Variant ${v.id.toUpperCase()} name`} autoComplete="off" value={v.name} onChange={(name) => patchVariant(i, { name })} />
                              <TextField label="Weight" type="number" autoComplete="off" value={v.weight} onChange={(weight) => patchVariant(i, { weight })} error={d(`abVariants.${i}.weight`)} />
                              <TextField label="Delay (seconds)" type="number" autoComplete="off" placeholder="Same as offer" value={v.delaySeconds} onChange={(delaySeconds) => patchVariant(i, { delaySeconds })} error={d(`abVariants.${i}.delayMs`)} />
                            </FormLayout.Group>
                          </FormLayout>
                          <Checkbox label={`Own text (${s.locales[0] ?? "default language"})`} checked={v.overrideContent} onChange={(overrideContent) => patchVariant(i, { overrideContent })} />
                          {v.overrideContent && (
                            <ContentFields value={v.content} onChange={(content) => patchVariant(i, { content })} errors={errors} prefix={`definition.abVariants.${i}.content.${s.locales[0] ?? ""}`} idPrefix={`ab-${v.id}`} />
                          )}
                          {s.type !== "UPSELL" && <Checkbox label="Own discount" checked={v.overrideDiscount} onChange={(overrideDiscount) => patchVariant(i, { overrideDiscount })} />}
                          {v.overrideDiscount && s.type !== "UPSELL" && (
                            <DiscountFields value={v.discount} onChange={(discount) => patchVariant(i, { discount })} errors={errors} prefix={`definition.abVariants.${i}.discount`} idPrefix={`ab-${v.id}-discount`} currency={currency} />
                          )}
                          {s.abVariants.length > 2 && (
                            <Box>
                              <Button variant="plain" tone="critical" onClick={() => patch({ abVariants: s.abVariants.filter((_, j) => j !== i) })}>
                                Remove variant
                              </Button>
                            </Box>
                          )}
                        </BlockStack>
                      </Box>
                    ))}
                    {abErrors.length > 0 && <InlineError message={d("abVariants") ?? abErrors[0] ?? ""} fieldID="offer-ab" />}
                    <InlineStack gap="300" blockAlign="end">
                      <Button
                        onClick={() => patch({ abVariants: [...s.abVariants, newAbVariant(s.abVariants.length, s.content[s.locales[0] ?? ""] ?? emptyContent())] })}
                        disabled={s.abVariants.length >= 4}
                      >
                        Add variant
                      </Button>
                      <div style={{ width: "12rem" }}>
                        <TextField
                          label="Holdout"
                          type="number"
                          suffix="%"
                          autoComplete="off"
                          value={s.holdout}
                          onChange={(holdout) => patch({ holdout })}
                          error={d("holdoutBps")}
                          helpText="Share who see nothing, to measure incremental revenue."
                        />
                      </div>
                    </InlineStack>
                  </BlockStack>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <PreviewPanel offerId={id} payload={payload} locales={s.locales} abVariants={s.abEnabled ? s.abVariants.map((v) => ({ id: v.id, name: v.name })) : []} paused={shopDefaults.paused} sample={props.sample} onSampleChange={props.onSampleChange} />
        </Layout.Section>
      </Layout>
      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title="Delete this offer?"
        primaryAction={{ content: "Delete", destructive: true, onAction: () => { setConfirmDelete(false); props.onDelete(); } }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirmDelete(false) }]}
      >
        <Modal.Section>
          <Text as="p">It stops showing right away and can&apos;t be restored. To keep it for later, set its status to Archived instead.</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
