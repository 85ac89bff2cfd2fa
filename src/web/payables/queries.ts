import { graphql } from '../gql';

export const QueryInvoice = graphql(`
  mutation QueryInvoice($input: QueryInvoiceInput!) {
    queryInvoice(input: $input) {
      __typename
      ... on Invoice {
        id
        status
        version
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

export const ApprovedInvoices = graphql(`
  query ApprovedInvoices($after: String) {
    invoices(first: 10, after: $after, status: [APPROVED]) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          version
          number
          kind
          currency
          payableAmount
          dueDate
          status
        }
      }
    }
  }
`);

export const MarkInvoicesPaid = graphql(`
  mutation MarkInvoicesPaid($input: MarkInvoicesPaidInput!) {
    markInvoicesPaid(input: $input) {
      __typename
      ... on InvoicesPaid {
        newlyPaid
        invoices {
          id
          status
        }
      }
      ... on InvoicesNotPayableError {
        message
        invoices {
          invoiceId
          message
        }
      }
    }
  }
`);
