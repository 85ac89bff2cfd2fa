import { CartLineEntity } from './cart-line.entity';
import { CartEntity } from './cart.entity';
import { DespatchAdviceEntity, DespatchAdviceLineEntity } from './despatch-advice.entity';
import { GoodsReceiptEntity, GoodsReceiptLineEntity } from './goods-receipt.entity';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { PurchaseOrderEntity } from './purchase-order.entity';

/** The ordering module's tables: carts and their lines, orders and their lines, despatch advices and goods receipts (favourites and templates are read by SQL). */
export const ORDERING_ENTITIES = [CartEntity, CartLineEntity, PurchaseOrderEntity, PurchaseOrderLineEntity, DespatchAdviceEntity, DespatchAdviceLineEntity, GoodsReceiptEntity, GoodsReceiptLineEntity];
