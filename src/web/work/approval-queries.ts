import { graphql } from '../gql';

export const ApprovalQueueQuery = graphql(`
  query ApprovalQueue($after: String) {
    pendingApprovals(first: 10, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          version
          requisitionNumber
          status
          supplierId
          supplierName
          currency
          lineExtensionAmount
          taxInclusiveAmount
          submittedAt
          costCentreId
          budgetYear
          lines {
            id
            name
            quantity
            unitCode
            price
            lineAmount
          }
        }
      }
    }
    costCentres(first: 100) {
      edges {
        node {
          id
          code
          name
          budgets {
            year
            amount
            committed
            remaining
            currency
          }
        }
      }
    }
  }
`);

export const ApproveRequisition = graphql(`
  mutation ApproveRequisition($input: DecideRequisitionInput!) {
    approveRequisition(input: $input) {
      __typename
      ... on Order {
        id
        status
        requisitionNumber
      }
      ... on BudgetExceededError {
        costCentreCode
        remaining
        requested
        currency
        year
      }
      ... on CeilingExceededError {
        agreementReference
        remaining
        currency
      }
      ... on OrderStateError {
        status
      }
      ... on CeilingExceededError {
        requested
      }
      ... on NotAuthorisedToApproveError {
        amount
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const RejectRequisition = graphql(`
  mutation RejectRequisition($input: DecideRequisitionInput!) {
    rejectRequisition(input: $input) {
      __typename
      ... on Order {
        id
        status
        requisitionNumber
      }
      ... on OrderStateError {
        status
      }
      ... on NotAuthorisedToApproveError {
        amount
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const DelegationsQuery = graphql(`
  query Delegations($after: String, $includeEnded: Boolean!) {
    delegations(first: 20, after: $after, includeEnded: $includeEnded) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          status
          validFrom
          validTo
          principalUserId
          principal {
            name
          }
          substitute {
            name
          }
        }
      }
    }
  }
`);

export const SubstituteChoices = graphql(`
  query SubstituteChoices {
    me {
      userId
    }
    approvalAuthorities(first: 100) {
      edges {
        node {
          userId
          user {
            id
            name
            email
          }
        }
      }
    }
  }
`);

export const CreateDelegation = graphql(`
  mutation CreateDelegation($input: CreateDelegationInput!) {
    createDelegation(input: $input) {
      __typename
      ... on ApprovalDelegation {
        id
        validFrom
        validTo
        substitute {
          name
        }
      }
      ... on MissingRoleError {
        role
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const CancelDelegation = graphql(`
  mutation CancelDelegation($id: Int!) {
    cancelDelegation(id: $id) {
      __typename
      ... on ApprovalDelegation {
        id
        status
      }
      ... on MissingRoleError {
        role
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);
