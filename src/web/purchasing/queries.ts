import { graphql } from '../gql';

/**
 * Shared selections: PageInfo through the shared PageFields (api/page-fields.ts), the price clause's
 * terms through PriceClauseFields (price-clause/price-clause-fields.ts), one agreement headline for the
 * list and the agreement page. The dashboards' reports all take the same `$filter: InsightFilter`,
 * built once by insightFilter() (insight-filter.ts) from the filter kept in the address.
 */
export const AgreementHeadline = graphql(`
  fragment AgreementHeadline on Agreement {
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
`);

/** What the agreement page shows and its forms change: use of the ceiling and the price clause. */
export const AgreementTerms = graphql(`
  fragment AgreementTerms on Agreement {
    valueCeiling
    committed
    invoiced
    remainingHeadroom
    priceClause {
      ...PriceClauseFields
      updatedAt
    }
  }
`);

export const SetAgreementCeiling = graphql(`
  mutation SetAgreementCeiling($agreementId: Int!, $valueCeiling: String) {
    setAgreementCeiling(agreementId: $agreementId, valueCeiling: $valueCeiling) {
      id
      ...AgreementTerms
    }
  }
`);

export const SetAgreementPriceClause = graphql(`
  mutation SetAgreementPriceClause($input: SetAgreementPriceClauseInput!) {
    setAgreementPriceClause(input: $input) {
      id
      ...AgreementTerms
    }
  }
`);

export const RemoveAgreementPriceClause = graphql(`
  mutation RemoveAgreementPriceClause($agreementId: Int!) {
    removeAgreementPriceClause(agreementId: $agreementId) {
      id
      ...AgreementTerms
    }
  }
`);

/** The purchasing unit's agreements, ten a page. */
export const PurchasingAgreements = graphql(`
  query PurchasingAgreements($after: String) {
    agreements(first: 10, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          ...AgreementHeadline
        }
      }
    }
  }
`);

export const PurchasingAgreement = graphql(`
  query PurchasingAgreement($id: Int!) {
    agreement(id: $id) {
      ...AgreementHeadline
      ...AgreementTerms
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
        ...PageFields
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
          ...PageFields
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
          ...PageFields
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

/**
 * What a catalogue version's state change answers (submit, publish, reject: CatalogueVersionResult),
 * selected once: the version's new status, or the refusal with what refusalText needs to say it.
 * The supplier's submit (supplier/SubmitVersionForm.tsx) uses it too.
 */
export const CatalogueVersionAnswer = graphql(`
  fragment CatalogueVersionAnswer on CatalogueVersionResult {
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
`);

export const PublishCatalogue = graphql(`
  mutation PublishCatalogue($versionId: Int!, $override: PriceClauseOverrideInput) {
    publishCatalogueVersion(versionId: $versionId, priceClauseOverride: $override) {
      ...CatalogueVersionAnswer
    }
  }
`);

export const RejectCatalogue = graphql(`
  mutation RejectCatalogue($input: RejectCatalogueInput!) {
    rejectCatalogueVersion(input: $input) {
      ...CatalogueVersionAnswer
    }
  }
`);

/**
 * The organisations a report may be narrowed to, searched and paged on the server (a purchasing
 * unit may see thousands: its agreements' participants and everything below them).
 */
export const InsightOrganisationsQuery = graphql(`
  query InsightOrganisations($search: String, $after: String) {
    insightOrganisations(search: $search, first: 20, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          name
          orgNumber
        }
      }
    }
  }
`);

/** One organisation by id: the name of the one the address names (the picker shows it chosen). */
export const InsightOrganisationName = graphql(`
  query InsightOrganisationName($id: Int!) {
    organisation(id: $id) {
      id
      name
      orgNumber
    }
  }
`);

/** The UNSPSC segments (the top level of the code set), a page at a time. */
export const UnspscSegmentsQuery = graphql(`
  query UnspscSegments($after: String) {
    unspscChildren(first: 100, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          code
          title
        }
      }
    }
  }
`);

export const LoyaltyQuery = graphql(`
  query InsightLoyaltyDashboard($filter: InsightFilter, $totals: InsightFilter) {
    totals: insightLoyalty(filter: $totals) {
      currency
      total
      agreementLoyalty
    }
    insightLoyalty(filter: $filter) {
      period
      currency
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
      currency
      amount
      potentialSaving
      lines
      linesWithAlternative
    }
  }
`);

export const SpendBySupplierQuery = graphql(`
  query InsightSpendBySupplier($filter: InsightFilter) {
    insightSpend(filter: $filter) {
      supplierId
      supplierName
      currency
      amount
      lines
      documents
    }
  }
`);

export const CeilingUseQuery = graphql(`
  query InsightCeilingUseDashboard($filter: InsightFilter) {
    insightCeilingUse(filter: $filter) {
      agreementId
      reference
      currency
      ceiling
      committed
      invoiced
      orderedHere
      remaining
      used
    }
  }
`);
