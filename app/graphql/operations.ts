/*
 * Every Admin GraphQL operation the app sends, in one place so codegen can
 * type them (`npm run graphql-codegen` -> admin.generated.d.ts). Only
 * app/models/shopify-sync.server.ts sends them. Each asks only for the
 * fields it reads.
 */

export const APP_INSTALLATION_QUERY = `#graphql
  query TactfulAppInstallation {
    currentAppInstallation {
      id
    }
    shop {
      currencyCode
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
