/*
 * Every Admin GraphQL operation the app sends, in one place so codegen can
 * type them (`npm run graphql-codegen` -> admin.generated.d.ts). Only
 * the modules in app/shopify/ send them through admin-api.server.ts. Each asks only for the
 * fields it reads.
 */

export const APP_INSTALLATION_QUERY = `#graphql
  query TactfulAppInstallation {
    currentAppInstallation {
      id
    }
    shop {
      id
      currencyCode
    }
  }
`;

/** Separate from the installation query: it needs read_locales, which a shop may not have granted yet. */
export const SHOP_LOCALES_QUERY = `#graphql
  query TactfulShopLocales {
    shopLocales(published: true) {
      locale
      primary
    }
  }
`;

export const SHOP_TIMEZONE_QUERY = `#graphql
  query TactfulShopTimezone {
    shop {
      ianaTimezone
    }
  }
`;

export const SHOP_MONEY_QUERY = `#graphql
  query TactfulShopMoney {
    shop {
      currencyCode
      currencyFormats {
        moneyFormat
      }
    }
  }
`;

export const MAIN_THEME_SETTINGS_QUERY = `#graphql
  query TactfulMainThemeSettings {
    themes(first: 1, roles: [MAIN]) {
      nodes {
        id
        name
        files(filenames: ["config/settings_data.json"], first: 1) {
          nodes {
            filename
            body {
              ... on OnlineStoreThemeFileBodyText {
                content
              }
            }
          }
        }
      }
    }
  }
`;

export const DISCOUNT_NODE_QUERY = `#graphql
  query TactfulDiscountNode($id: ID!) {
    discountNode(id: $id) {
      id
      discount {
        ... on DiscountAutomaticApp {
          discountId
          status
        }
      }
    }
  }
`;

export const METAFIELDS_SET_MUTATION = `#graphql
  mutation TactfulMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
        namespace
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`;

export const DISCOUNT_CREATE_MUTATION = `#graphql
  mutation TactfulDiscountCreate($automaticAppDiscount: DiscountAutomaticAppInput!) {
    discountAutomaticAppCreate(automaticAppDiscount: $automaticAppDiscount) {
      automaticAppDiscount {
        discountId
        title
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const PREVIEW_PRODUCTS_QUERY = `#graphql
  query TactfulPreviewProducts($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        handle
        title
        tags
        featuredImage {
          url(transform: { maxWidth: 480 })
          altText
        }
        variants(first: 100) {
          nodes {
            id
            title
            price
            compareAtPrice
            availableForSale
          }
        }
      }
    }
  }
`;

/*
 * One page of a trigger collection's products, for the membership the
 * storefront config carries (decision record 0054). 250 is the connection's
 * maximum page size; productsCount lets the sync refuse a collection that
 * could never fit before paging through it.
 */
export const COLLECTION_PRODUCTS_QUERY = `#graphql
  query TactfulCollectionProducts($id: ID!, $after: String) {
    collection(id: $id) {
      id
      title
      productsCount {
        count
        precision
      }
      products(first: 250, after: $after) {
        nodes {
          id
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/*
 * For the preview: which of the sample cart's products are in one trigger
 * collection. One call per trigger collection of the offer being edited,
 * asked only about the few products in the sample cart, so the preview
 * matches collection triggers without fetching whole collections.
 */
export const PREVIEW_MEMBERSHIP_QUERY = `#graphql
  query TactfulPreviewMembership($ids: [ID!]!, $collection: ID!) {
    nodes(ids: $ids) {
      ... on Product {
        id
        inCollection(id: $collection)
      }
    }
  }
`;

/*
 * orders/edited attribution (decision 0078): the order's link to the
 * post-purchase changeset we signed (the metafield our changeset set), and
 * the lines the edit added, by id, with their money after line discounts.
 */
export const ORDER_EDIT_ATTRIBUTION_QUERY = `#graphql
  query TactfulOrderEditAttribution($order: ID!, $lines: [ID!]!) {
    order(id: $order) {
      id
      metafield(namespace: "tactful", key: "post_purchase") {
        value
      }
    }
    nodes(ids: $lines) {
      ... on LineItem {
        id
        quantity
        variant {
          id
        }
        discountedTotalSet {
          shopMoney {
            amount
            currencyCode
          }
          presentmentMoney {
            amount
            currencyCode
          }
        }
      }
    }
  }
`;

/**
 * Starts the co-purchase backfill (decision 0084). `query` is the bulk
 * document (ORDERS_BACKFILL_BULK_QUERY); Shopify runs it in the background.
 */
export const BULK_OPERATION_RUN_QUERY = `#graphql
  mutation TactfulBulkOperationRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** One bulk operation's state, polled by id (several can run at once since 2026-01, so not currentBulkOperation). */
export const BULK_OPERATION_QUERY = `#graphql
  query TactfulBulkOperation($id: ID!) {
    node(id: $id) {
      ... on BulkOperation {
        id
        status
        errorCode
        objectCount
        url
        partialDataUrl
      }
    }
  }
`;
