import { CartLineEntity } from './cart-line.entity';
import { CartEntity } from './cart.entity';
import { DespatchAdviceEntity, DespatchAdviceLineEntity } from './despatch-advice.entity';
import { GoodsReceiptEntity, GoodsReceiptLineEntity } from './goods-receipt.entity';
import { OrderResponseEntity, OrderResponseLineEntity } from './order-response.entity';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { PurchaseOrderEntity } from './purchase-order.entity';

/** The ordering module's tables: carts, orders, the supplier's answers, despatch advices and goods receipts, each with their lines (favourites and templates are read by SQL). */
export const ORDERING_ENTITIES = [
  CartEntity,
  CartLineEntity,
  PurchaseOrderEntity,
  PurchaseOrderLineEntity,
  OrderResponseEntity,
  OrderResponseLineEntity,
  DespatchAdviceEntity,
  DespatchAdviceLineEntity,
  GoodsReceiptEntity,
  GoodsReceiptLineEntity,
];
