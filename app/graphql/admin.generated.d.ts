/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type TactfulAppInstallationQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TactfulAppInstallationQuery = { currentAppInstallation: Pick<AdminTypes.AppInstallation, 'id'>, shop: Pick<AdminTypes.Shop, 'id' | 'currencyCode'> };

export type TactfulShopLocalesQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TactfulShopLocalesQuery = { shopLocales: Array<Pick<AdminTypes.ShopLocale, 'locale' | 'primary'>> };

export type TactfulShopTimezoneQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TactfulShopTimezoneQuery = { shop: Pick<AdminTypes.Shop, 'ianaTimezone'> };

export type TactfulShopMoneyQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TactfulShopMoneyQuery = { shop: (
    Pick<AdminTypes.Shop, 'currencyCode'>
    & { currencyFormats: Pick<AdminTypes.CurrencyFormats, 'moneyFormat'> }
  ) };

export type TactfulMainThemeSettingsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TactfulMainThemeSettingsQuery = { themes?: AdminTypes.Maybe<{ nodes: Array<(
      Pick<AdminTypes.OnlineStoreTheme, 'id' | 'name'>
      & { files?: AdminTypes.Maybe<{ nodes: Array<(
          Pick<AdminTypes.OnlineStoreThemeFile, 'filename'>
          & { body: Pick<AdminTypes.OnlineStoreThemeFileBodyText, 'content'> }
        )> }> }
    )> }> };

export type TactfulDiscountNodeQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type TactfulDiscountNodeQuery = { discountNode?: AdminTypes.Maybe<(
    Pick<AdminTypes.DiscountNode, 'id'>
    & { discount: Pick<AdminTypes.DiscountAutomaticApp, 'discountId' | 'status'> }
  )> };

export type TactfulMetafieldsSetMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type TactfulMetafieldsSetMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'key' | 'namespace'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code' | 'elementIndex'>> }> };

export type TactfulDiscountCreateMutationVariables = AdminTypes.Exact<{
  automaticAppDiscount: AdminTypes.DiscountAutomaticAppInput;
}>;


export type TactfulDiscountCreateMutation = { discountAutomaticAppCreate?: AdminTypes.Maybe<{ automaticAppDiscount?: AdminTypes.Maybe<Pick<AdminTypes.DiscountAutomaticApp, 'discountId' | 'title' | 'status'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type TactfulPreviewProductsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type TactfulPreviewProductsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Product, 'id' | 'handle' | 'title' | 'tags'>
    & { featuredImage?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url' | 'altText'>>, variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'price' | 'compareAtPrice' | 'availableForSale'>> } }
  )>> };

export type TactfulCollectionProductsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type TactfulCollectionProductsQuery = { collection?: AdminTypes.Maybe<(
    Pick<AdminTypes.Collection, 'id' | 'title'>
    & { productsCount?: AdminTypes.Maybe<Pick<AdminTypes.Count, 'count' | 'precision'>>, products: { nodes: Array<Pick<AdminTypes.Product, 'id'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
  )> };

export type TactfulPreviewMembershipQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
  collection: AdminTypes.Scalars['ID']['input'];
}>;


export type TactfulPreviewMembershipQuery = { nodes: Array<AdminTypes.Maybe<Pick<AdminTypes.Product, 'id' | 'inCollection'>>> };

export type TactfulOrderEditAttributionQueryVariables = AdminTypes.Exact<{
  order: AdminTypes.Scalars['ID']['input'];
  lines: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type TactfulOrderEditAttributionQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id'>
    & { metafield?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>> }
  )>, nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.LineItem, 'id' | 'quantity'>
    & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, discountedTotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'>, presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
  )>> };

export type TactfulBulkOperationRunQueryMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type TactfulBulkOperationRunQueryMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message' | 'code'>> }> };

export type TactfulBulkOperationQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type TactfulBulkOperationQuery = { node?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'url' | 'partialDataUrl'>> };

interface GeneratedQueryTypes {
  "#graphql\n  query TactfulAppInstallation {\n    currentAppInstallation {\n      id\n    }\n    shop {\n      id\n      currencyCode\n    }\n  }\n": {return: TactfulAppInstallationQuery, variables: TactfulAppInstallationQueryVariables},
  "#graphql\n  query TactfulShopLocales {\n    shopLocales(published: true) {\n      locale\n      primary\n    }\n  }\n": {return: TactfulShopLocalesQuery, variables: TactfulShopLocalesQueryVariables},
  "#graphql\n  query TactfulShopTimezone {\n    shop {\n      ianaTimezone\n    }\n  }\n": {return: TactfulShopTimezoneQuery, variables: TactfulShopTimezoneQueryVariables},
  "#graphql\n  query TactfulShopMoney {\n    shop {\n      currencyCode\n      currencyFormats {\n        moneyFormat\n      }\n    }\n  }\n": {return: TactfulShopMoneyQuery, variables: TactfulShopMoneyQueryVariables},
  "#graphql\n  query TactfulMainThemeSettings {\n    themes(first: 1, roles: [MAIN]) {\n      nodes {\n        id\n        name\n        files(filenames: [\"config/settings_data.json\"], first: 1) {\n          nodes {\n            filename\n            body {\n              ... on OnlineStoreThemeFileBodyText {\n                content\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: TactfulMainThemeSettingsQuery, variables: TactfulMainThemeSettingsQueryVariables},
  "#graphql\n  query TactfulDiscountNode($id: ID!) {\n    discountNode(id: $id) {\n      id\n      discount {\n        ... on DiscountAutomaticApp {\n          discountId\n          status\n        }\n      }\n    }\n  }\n": {return: TactfulDiscountNodeQuery, variables: TactfulDiscountNodeQueryVariables},
  "#graphql\n  query TactfulPreviewProducts($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Product {\n        id\n        handle\n        title\n        tags\n        featuredImage {\n          url(transform: { maxWidth: 480 })\n          altText\n        }\n        variants(first: 100) {\n          nodes {\n            id\n            title\n            price\n            compareAtPrice\n            availableForSale\n          }\n        }\n      }\n    }\n  }\n": {return: TactfulPreviewProductsQuery, variables: TactfulPreviewProductsQueryVariables},
  "#graphql\n  query TactfulCollectionProducts($id: ID!, $after: String) {\n    collection(id: $id) {\n      id\n      title\n      productsCount {\n        count\n        precision\n      }\n      products(first: 250, after: $after) {\n        nodes {\n          id\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: TactfulCollectionProductsQuery, variables: TactfulCollectionProductsQueryVariables},
  "#graphql\n  query TactfulPreviewMembership($ids: [ID!]!, $collection: ID!) {\n    nodes(ids: $ids) {\n      ... on Product {\n        id\n        inCollection(id: $collection)\n      }\n    }\n  }\n": {return: TactfulPreviewMembershipQuery, variables: TactfulPreviewMembershipQueryVariables},
  "#graphql\n  query TactfulOrderEditAttribution($order: ID!, $lines: [ID!]!) {\n    order(id: $order) {\n      id\n      metafield(namespace: \"tactful\", key: \"post_purchase\") {\n        value\n      }\n    }\n    nodes(ids: $lines) {\n      ... on LineItem {\n        id\n        quantity\n        variant {\n          id\n        }\n        discountedTotalSet {\n          shopMoney {\n            amount\n            currencyCode\n          }\n          presentmentMoney {\n            amount\n            currencyCode\n          }\n        }\n      }\n    }\n  }\n": {return: TactfulOrderEditAttributionQuery, variables: TactfulOrderEditAttributionQueryVariables},
  "#graphql\n  query TactfulBulkOperation($id: ID!) {\n    node(id: $id) {\n      ... on BulkOperation {\n        id\n        status\n        errorCode\n        objectCount\n        url\n        partialDataUrl\n      }\n    }\n  }\n": {return: TactfulBulkOperationQuery, variables: TactfulBulkOperationQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation TactfulMetafieldsSet($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields {\n        key\n        namespace\n      }\n      userErrors {\n        field\n        message\n        code\n        elementIndex\n      }\n    }\n  }\n": {return: TactfulMetafieldsSetMutation, variables: TactfulMetafieldsSetMutationVariables},
  "#graphql\n  mutation TactfulDiscountCreate($automaticAppDiscount: DiscountAutomaticAppInput!) {\n    discountAutomaticAppCreate(automaticAppDiscount: $automaticAppDiscount) {\n      automaticAppDiscount {\n        discountId\n        title\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: TactfulDiscountCreateMutation, variables: TactfulDiscountCreateMutationVariables},
  "#graphql\n  mutation TactfulBulkOperationRunQuery($query: String!) {\n    bulkOperationRunQuery(query: $query, groupObjects: false) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: TactfulBulkOperationRunQueryMutation, variables: TactfulBulkOperationRunQueryMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
