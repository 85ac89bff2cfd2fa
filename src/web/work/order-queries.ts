import { graphql } from '../gql';

export const MyOrdersQuery = graphql(`
  query MyOrders($after: String) {
    orders(mine: true, first: 20, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          id
          requisitionNumber
          number
          status
          supplierId
          supplierName
          taxInclusiveAmount
          currency
          submittedAt
        }
      }
    }
  }
`);

export const OrderFields = graphql(`
  fragment MyOrderFields on Order {
    id
    version
    requisitionNumber
    number
    status
    supplierId
    supplierName
    currency
    lineExtensionAmount
    vatAmount
    taxInclusiveAmount
    submittedAt
    wantedDeliveryDate
    decisionComment
    lines {
      id
      lineId
      name
      quantity
      receivedQuantity
      unitCode
      price
      lineAmount
      status
      substituteName
    }
    responses {
      id
      responseCode
      issueDate
      createdAt
      note
      promisedDeliveryStart
      promisedDeliveryEnd
      lines {
        lineId
        status
        quantity
        price
        note
        substitute {
          name
          sellerItemId
        }
      }
    }
    goodsReceipts {
      id
      receivedAt
      note
      lines {
        lineId
        quantity
        unitCode
        reason
      }
    }
  }
`);

export const MyOrderQuery = graphql(`
  query MyOrder($id: Int!) {
    order(id: $id) {
      ...MyOrderFields
    }
  }
`);

export const AcceptChanges = graphql(`
  mutation AcceptOrderChanges($orderId: Int!, $expectedVersion: Int) {
    acceptOrderChanges(orderId: $orderId, expectedVersion: $expectedVersion) {
      __typename
      ... on Order {
        ...MyOrderFields
      }
      ... on OrderStateError {
        status
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const RejectChanges = graphql(`
  mutation RejectOrderChanges($orderId: Int!, $expectedVersion: Int, $reason: String!) {
    rejectOrderChanges(orderId: $orderId, expectedVersion: $expectedVersion, reason: $reason) {
      __typename
      ... on Order {
        ...MyOrderFields
      }
      ... on OrderStateError {
        status
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const ReceiveGoods = graphql(`
  mutation ReceiveGoods($input: ReceiveGoodsInput!) {
    receiveGoods(input: $input) {
      __typename
      ... on GoodsReceived {
        order {
          ...MyOrderFields
        }
      }
      ... on OverReceiptError {
        lines {
          lineId
          ordered
          receivedBefore
          receiving
        }
      }
      ... on OrderStateError {
        status
      }
      ... on LineNotReceivableError {
        lines {
          lineId
        }
      }
      ... on ReturnBeyondReceivedError {
        lines {
          lineId
        }
      }
      ... on UnknownOrderLineError {
        lineIds
      }
      ... on ErrorResult {
        message
      }
    }
  }
`);

export const CloseOrder = graphql(`
  mutation CloseOrder($input: CloseOrderInput!) {
    closeOrder(input: $input) {
      __typename
      ... on Order {
        ...MyOrderFields
      }
      ... on OrderStateError {
        status
      }
      ... on ErrorResult {
        message
        errorCode
      }
    }
  }
`);
