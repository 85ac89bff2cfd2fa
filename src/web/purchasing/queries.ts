import { graphql } from '../gql';

/** The purchasing unit's agreements, ten a page. */
export const PurchasingAgreements = graphql(`
  query PurchasingAgreements($after: String) {
    agreements(first: 10, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          reference
          title
          mandatory
          inForce
          validFrom
          validTo
          currency
          valueCeiling
          remainingHeadroom
          supplier {
            id
            name
          }
        }
      }
    }
  }
`);

export const PurchasingAgreement = graphql(`
  query PurchasingAgreement($id: Int!) {
    agreement(id: $id) {
      id
      reference
      title
      mandatory
      inForce
      validFrom
      validTo
      currency
      valueCeiling
      committed
      invoiced
      remainingHeadroom
      supplier {
        id
        name
        orgNumber
      }
      participants {
        id
        name
        orgNumber
      }
      scope {
        code
        title
      }
    }
  }
`);

/** The agreement's catalogue versions, newest first, ten a page. */
export const AgreementCatalogueVersions = graphql(`
  query AgreementCatalogueVersions($agreementId: Int!, $after: String) {
    catalogueVersions(agreementId: $agreementId, first: 10, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          versionNo
          status
          fileName
          itemCount
          excludedLineCount
          createdAt
          submittedAt
          decidedAt
          rejectionReason
        }
      }
    }
  }
`);

/** What publishing the version changes, twenty changes a page. */
export const CatalogueReviewQuery = graphql(`
  query CatalogueReviewPage($versionId: Int!, $after: String) {
    catalogueReview(versionId: $versionId, first: 20, after: $after) {
      added
      removed
      changed
      priceChanges
      averagePriceChangePercent
      excludedLineCount
      warningCount
      version {
        id
        versionNo
        status
        agreementId
        fileName
        itemCount
        submittedAt
        rejectionReason
      }
      current {
        id
        versionNo
      }
      priceClause {
        clause
        allowedPercent
        flaggedCount
      }
      changes {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            sellerItemId
            name
            change
            changedFields
            oldPrice
            newPrice
            priceChangePercent
            beyondPriceClause {
              increaseFromBasePercent
              allowedPercent
              basePrice
              maxPrice
            }
          }
        }
      }
    }
  }
`);

/** Lines left out of the upload (invalidLines=EXCLUDE), twenty a page. */
export const ExcludedLinesQuery = graphql(`
  query CatalogueExcludedLines($id: Int!, $after: String) {
    catalogueVersion(id: $id) {
      id
      excludedLines(first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            line
            location
            field
            value
            reason
          }
        }
      }
    }
  }
`);

export const PublishCatalogue = graphql(`
  mutation PublishCatalogue($versionId: Int!, $override: PriceClauseOverrideInput) {
    publishCatalogueVersion(versionId: $versionId, priceClauseOverride: $override) {
      __typename
      ... on CatalogueVersion {
        id
        status
      }
      ... on CatalogueStateError {
        status
      }
      ... on CatalogueVersionOutdatedError {
        publishedVersionNo
      }
      ... on PriceIncreasesBeyondClauseError {
        flaggedCount
        clause
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const RejectCatalogue = graphql(`
  mutation RejectCatalogue($input: RejectCatalogueInput!) {
    rejectCatalogueVersion(input: $input) {
      __typename
      ... on CatalogueVersion {
        id
        status
      }
      ... on CatalogueStateError {
        status
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

/** What the dashboards' filters offer: the organisations in view and the agreements' UNSPSC segments. */
export const InsightFilterOptions = graphql(`
  query InsightFilterOptions {
    organisations(first: 100, filter: { kind: BUYER }) {
      edges {
        node {
          id
          name
          parentId
        }
      }
    }
    agreements(first: 100) {
      edges {
        node {
          id
          participants {
            id
          }
          scope {
            code
            path {
              code
              level
              title
            }
          }
        }
      }
    }
  }
`);

export const LoyaltyQuery = graphql(`
  query InsightLoyaltyDashboard($filter: InsightFilter, $totals: InsightFilter) {
    totals: insightLoyalty(filter: $totals) {
      total
      agreementLoyalty
    }
    insightLoyalty(filter: $filter) {
      period
      total
      onAgreement
      offAgreement
      offCatalogue
      notCovered
      otherSuppliers
      agreementLoyalty
      supplierLoyalty
      lines
    }
  }
`);

export const LeakageQuery = graphql(`
  query InsightLeakageDashboard($filter: InsightFilter) {
    insightLeakage(filter: $filter) {
      supplierId
      supplierName
      amount
      potentialSaving
      lines
      linesWithAlternative
    }
  }
`);
