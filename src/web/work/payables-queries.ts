import { graphql } from '../gql';

export const InvoiceExceptionsQuery = graphql(`
  query InvoiceExceptions($after: String) {
    invoiceExceptions(first: 10, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          version
          kind
          number
          status
          supplierId
          orderReference
          currency
          payableAmount
          receivedAt
          dueDate
          reasons {
            code
            message
            lineId
            expected
            actual
            difference
            differenceNok
          }
        }
      }
    }
  }
`);

export const SupplierName = graphql(`
  query SupplierName($id: Int!) {
    organisation(id: $id) {
      id
      name
    }
  }
`);

export const ApproveInvoice = graphql(`
  mutation ApproveInvoice($input: ApproveInvoiceInput!) {
    approveInvoice(input: $input) {
      __typename
      ... on Invoice {
        id
        status
      }
      ... on InvoiceStateError {
        status
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const DisputeInvoice = graphql(`
  mutation DisputeInvoice($input: DisputeInvoiceInput!) {
    disputeInvoice(input: $input) {
      __typename
      ... on Invoice {
        id
        status
      }
      ... on InvoiceStateError {
        status
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const PostingExportsQuery = graphql(`
  query PostingExports($after: String) {
    postingExports(first: 20, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          createdAt
          invoiceCount
          csvPath
          jsonPath
        }
      }
    }
  }
`);

export const CreatePostingExport = graphql(`
  mutation CreatePostingExport {
    createPostingExport {
      __typename
      ... on PostingExportBatch {
        id
        invoiceCount
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);
