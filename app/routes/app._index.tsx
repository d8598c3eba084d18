import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import db from "../db.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const offers = await db.offer.count({ where: { shop: session.shop } });
  return { shop: session.shop, offers };
};

export default function Home() {
  const { shop, offers } = useLoaderData<typeof loader>();
  return (
    <Page title="Tactful">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Upsells your shoppers won&apos;t hate
              </Text>
              <Text as="p">
                {offers === 0
                  ? `No offers yet for ${shop}. Offers you create appear after add-to-cart, in the cart and before checkout, within your price cap and frequency rules.`
                  : `${offers} offer${offers === 1 ? "" : "s"} for ${shop}.`}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
