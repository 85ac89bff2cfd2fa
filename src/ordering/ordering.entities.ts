import { CartLineEntity } from './cart-line.entity';
import { CartEntity } from './cart.entity';
import { OrderResponseEntity, OrderResponseLineEntity } from './order-response.entity';
import { PurchaseOrderLineEntity } from './purchase-order-line.entity';
import { PurchaseOrderEntity } from './purchase-order.entity';

/** The ordering module's tables: carts and their lines, orders and their lines, order responses and theirs (favourites and templates are read by SQL). */
export const ORDERING_ENTITIES = [CartEntity, CartLineEntity, PurchaseOrderEntity, PurchaseOrderLineEntity, OrderResponseEntity, OrderResponseLineEntity];
