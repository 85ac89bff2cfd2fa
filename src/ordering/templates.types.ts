import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsString, Length } from 'class-validator';
import Decimal from 'decimal.js';
import { ConnectionType } from '../platform/graphql/connection';
import { resultUnion } from '../platform/results/result-union';
import { Cart, ItemNotOrderable } from './cart.types';

@ObjectType({ description: 'An item the requester marked as a favourite, as the agreement’s catalogue in force holds it now.' })
export class Favourite {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field(() => Int, { description: 'The agreement.' }) agreementId: number;
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Item name when marked.' }) name: string;
  @Field({ description: 'When it was marked.' }) addedAt: Date;
  @Field(() => String, { nullable: true, description: 'The item in the catalogue in force (give it to addItemToCart); null when it cannot be ordered now.' }) currentItemId: string | null;
  @Field(() => Decimal, { nullable: true, description: 'Its unit price now, excluding VAT.' }) currentPrice: string | null;
  @Field(() => String, { nullable: true, description: 'Its currency.' }) currency: string | null;
}

@ObjectType({ description: 'A catalogue item the requester has marked as a favourite (favouritesOfItems).' })
export class ItemFavourite {
  @Field({ description: 'The catalogue item asked about.' }) itemId: string;
  @Field(() => Int, { description: 'The favourite that marks it (give it to removeFavourite).' }) favouriteId: number;
}

@ObjectType({ description: 'A line of an order template: an item (by agreement and supplier’s item number) and a quantity.' })
export class OrderTemplateLine {
  @Field(() => Int, { description: 'Position in the template.' }) lineNo: number;
  @Field(() => Int, { description: 'The agreement.' }) agreementId: number;
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Item name when saved.' }) name: string;
  @Field(() => Decimal, { description: 'Quantity.' }) quantity: string;
}

@ObjectType({ description: 'A reusable order: catalogue items and quantities the requester adds to the cart in one step.' })
export class OrderTemplate {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field({ description: 'The requester’s name for it.' }) name: string;
  @Field({ description: 'When it was saved.' }) createdAt: Date;
  @Field(() => [OrderTemplateLine], { description: 'Its lines.' }) lines: OrderTemplateLine[];
}

@ObjectType({ description: 'A page of the requester’s favourites, by name then id.' })
export class FavouriteConnection extends ConnectionType(Favourite, 'Favourite') {}

@ObjectType({ description: 'A page of the requester’s order templates, by name then id.' })
export class OrderTemplateConnection extends ConnectionType(OrderTemplate, 'OrderTemplate') {}

@ObjectType({ description: 'A template line that was not added, and why.' })
export class SkippedTemplateLine {
  @Field({ description: 'The supplier’s item number.' }) sellerItemId: string;
  @Field({ description: 'Item name when saved.' }) name: string;
  @Field({ description: 'Why it was not added.' }) reason: string;
}

@ObjectType({ description: 'What adding a template to the cart did.' })
export class TemplateAddedToCart {
  @Field(() => Int, { description: 'Lines added.' }) added: number;
  @Field(() => [SkippedTemplateLine], { description: 'Lines not added: the item is no longer orderable (never replaced by another silently).' }) skipped: SkippedTemplateLine[];
  @Field(() => Cart, { description: 'The cart after it.' }) cart: Cart;
}

@InputType({ description: 'Save the catalogue lines of the caller’s cart as a template.' })
export class SaveOrderTemplateInput {
  @Field({ description: 'A name, unique among the caller’s templates (2 to 100 characters).' }) @IsString() @Length(2, 100) name: string;
}

@InputType({ description: 'One of the caller’s templates.' })
export class OrderTemplateIdInput {
  @Field(() => Int, { description: 'The template.' }) @IsInt() templateId: number;
}

export const AddFavouriteResult = resultUnion({
  name: 'AddFavouriteResult',
  description: 'The favourite, or why the item cannot be ordered.',
  types: () => [Favourite, ItemNotOrderable] as const,
});
