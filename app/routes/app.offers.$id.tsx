import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useRevalidator, useSubmit, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useState } from "react";
import { authenticate } from "../shopify.server";
import { ConfigTooLargeError } from "../offers/offer-compiler";
import { parseMoments, parseOfferInput } from "../offers/offer.schema";
import {
  createOffer,
  deleteOffers,
  duplicateOffer,
  getOffer,
  OfferConflictError,
  OfferNotFoundError,
  triggerCollectionsAfterSave,
  updateOffer,
  zodFieldErrors,
} from "../offers/offers.server";
import { getShopSettings } from "../offers/settings.server";
import { AdminApiError } from "../shopify/admin-api.server";
import { fetchCollectionMembership, type CollectionMembership } from "../shopify/collection-membership.server";
import { fetchShopMoney } from "../shopify/shop-currency.server";
import { shopTimezone } from "../shopify/shop-timezone.server";
import { syncShop } from "../shopify/sync.server";
import type { ShopMoney } from "../shopify/shop-money";
import { newOfferState, offerStateFrom, type OfferPayload } from "../components/offer-form";
import { OfferEditor, type EditorActionData } from "../components/OfferEditor";
import type { SampleLine } from "../components/PreviewPanel";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const view = await getShopSettings(session.shop);
  // The shop's zone: a new offer's default, and what checkout's calendar follows (decision record 0055).
  const [money, timezone] = await Promise.all([shopMoneyOrFail(admin), shopTimezone(admin)]);
  const shopDefaults = { capBps: view.settings.capBps, defaultLocale: view.settings.defaultLocale, paused: view.settings.paused, money, timezone };
  if (params.id === "new") {
    return { id: null, version: null, broken: false, state: newOfferState({ locale: view.settings.defaultLocale, texts: view.texts, timezone }), shopDefaults };
  }
  const found = await getOffer(session.shop, params.id ?? "");
  if (!found) throw new Response("This offer does not exist or was deleted.", { status: 404 });
  const { row, definition } = found;
  const state = definition
    ? offerStateFrom({ ...row, moments: parseMoments(row.moments) }, definition, money.currency, view.settings.defaultLocale)
    : { ...newOfferState({ locale: view.settings.defaultLocale, texts: view.texts, timezone: "UTC" }), name: row.name };
  return { id: row.id, version: row.version, broken: definition === null, state, shopDefaults };
};

const SHOP_MONEY_UNKNOWN = "Could not read your shop's currency from Shopify, so amounts cannot be read safely. Try again in a moment.";

/** Amounts are only readable in the shop's currency; without it, no guess (a yen shop read as cents is 100x off). */
async function shopMoneyOrFail(admin: Parameters<typeof fetchShopMoney>[0]): Promise<ShopMoney> {
  try {
    return await fetchShopMoney(admin);
  } catch {
    throw new Response(SHOP_MONEY_UNKNOWN, { status: 503 });
  }
}

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, admin, redirect } = await authenticate.admin(request);
  const shop = session.shop;
  const body = (await request.json().catch(() => null)) as { intent?: unknown; offer?: unknown } | null;
  const id = params.id ?? "new";

  if (body?.intent === "delete" && id !== "new") {
    await deleteOffers(shop, [id]);
    await syncShop(shop, admin);
    return redirect("/app/offers");
  }
  if (body?.intent === "duplicate" && id !== "new") {
    const copy = await duplicateOffer(shop, id);
    return redirect(`/app/offers/${copy.id}`);
  }

  let money: ShopMoney;
  try {
    money = await fetchShopMoney(admin);
  } catch {
    return json({ ok: false, errors: { form: SHOP_MONEY_UNKNOWN } } satisfies EditorActionData, { status: 503 });
  }
  const parsed = parseOfferInput(body?.offer, money.currency);
  if (!parsed.success) return json({ ok: false, errors: zodFieldErrors(parsed.error) } satisfies EditorActionData, { status: 400 });
  const { settings } = await getShopSettings(shop);
  try {
    // Trigger collections are published with their products, so the size check needs them before anything is stored.
    let membership: CollectionMembership | undefined;
    try {
      membership = await fetchCollectionMembership(admin, await triggerCollectionsAfterSave(shop, id === "new" ? null : id, parsed.data));
    } catch (error) {
      // Shopify unreachable: the save still stands, and the sync after it reports why publishing failed.
      if (!(error instanceof AdminApiError)) throw error;
    }
    const options = membership ? { collections: membership } : {};
    if (id === "new") {
      const row = await createOffer(shop, parsed.data, settings, options);
      await syncShop(shop, admin, membership);
      return redirect(`/app/offers/${row.id}`);
    }
    if (parsed.data.version === undefined) {
      return json({ ok: false, errors: { version: "Reload the offer before saving: the version you edited is missing." } } satisfies EditorActionData, { status: 400 });
    }
    const row = await updateOffer(shop, id, { ...parsed.data, version: parsed.data.version }, settings, options);
    const sync = await syncShop(shop, admin, membership);
    return json({ ok: true, version: row.version, syncError: sync.ok ? null : sync.error } satisfies EditorActionData);
  } catch (error) {
    if (error instanceof ConfigTooLargeError) {
      return json({ ok: false, errors: { form: error.message }, tooLarge: error.message } satisfies EditorActionData, { status: 400 });
    }
    if (error instanceof OfferConflictError) {
      return json(
        { ok: false, errors: {}, conflict: { currentVersion: error.currentVersion, updatedAt: error.updatedAt.toISOString() } } satisfies EditorActionData,
        { status: 409 },
      );
    }
    if (error instanceof OfferNotFoundError) throw new Response(error.message, { status: 404 });
    throw error;
  }
};

/**
 * The loader must not run again behind the merchant's back: a newer version
 * would remount the editor and wipe their input. So no reload after a
 * refused save (400 or 409; reloading after a conflict is the banner's
 * Reload action) nor after each live-preview request.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, actionResult, defaultShouldRevalidate }) => {
  if (formAction?.startsWith("/app/preview")) return false;
  if (actionResult && typeof actionResult === "object" && "ok" in actionResult && actionResult.ok === false) return false;
  return defaultShouldRevalidate;
};

export default function OfferRoute() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<EditorActionData>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  // The sample cart outlives a save (the editor remounts on each new version).
  const [sample, setSample] = useState<SampleLine[]>([]);

  // JSON round-trip: the payload is plain data, and SubmitTarget wants a JsonValue shape.
  const save = useCallback((offer: OfferPayload) => submit(JSON.parse(JSON.stringify({ intent: "save", offer })) as Record<string, never>, { method: "post", encType: "application/json" }), [submit]);
  const remove = useCallback(() => submit({ intent: "delete" }, { method: "post", encType: "application/json" }), [submit]);
  const duplicate = useCallback(() => submit({ intent: "duplicate" }, { method: "post", encType: "application/json" }), [submit]);

  return (
    <OfferEditor
      key={`${data.id ?? "new"}:${data.version ?? 0}`}
      id={data.id}
      version={data.version}
      broken={data.broken}
      initial={data.state}
      shopDefaults={data.shopDefaults}
      actionData={navigation.state === "idle" ? actionData : undefined}
      saving={navigation.state === "submitting"}
      onSave={save}
      onDelete={remove}
      onDuplicate={duplicate}
      onReload={() => revalidator.revalidate()}
      sample={sample}
      onSampleChange={setSample}
    />
  );
}
