import { CartLineEntity } from './cart-line.entity';
import { CartEntity } from './cart.entity';

/** The ordering module's tables: cart and cart_line. */
export const ORDERING_ENTITIES = [CartEntity, CartLineEntity];
