import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx } from '../../platform/auth/ctx.decorator';
import { RequestContext } from '../../platform/context/request-context';
import { PageArgs } from '../../platform/graphql/connection';
import { PlatformOperatorOr } from '../access.decorators';
import { Role } from '../role';
import { BUYER_ROLES } from './buyer-roles';
import { CreateDeliveryAddressInput, DeliveryAddress, DeliveryAddressConnection, DeliveryAddressResult, UpdateDeliveryAddressInput } from './delivery-address.types';
import { DeliveryAddressesService } from './delivery-addresses.service';

// The guard lets the roles through; BuyerSetupAccess decides per organisation (members read, ADMINs of it or above it change).
@Resolver(() => DeliveryAddress)
export class DeliveryAddressesResolver {
  constructor(private readonly addresses: DeliveryAddressesService) {}

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => DeliveryAddressConnection, { description: 'Delivery addresses of an organisation (the caller’s own by default), by label.' })
  deliveryAddresses(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('organisationId', { type: () => Int, nullable: true, description: 'The organisation; the caller’s own when left out.' }) organisationId?: number,
    @Args('includeInactive', { defaultValue: false, description: 'Include retired addresses.' }) includeInactive?: boolean,
  ) {
    return this.addresses.list(ctx, organisationId ?? undefined, !!includeInactive, page.first, page.after);
  }

  @PlatformOperatorOr(...BUYER_ROLES)
  @Query(() => DeliveryAddress, { description: 'One delivery address (NOT_FOUND for another organisation’s).' })
  deliveryAddress(@Ctx() ctx: RequestContext, @Args('id', { type: () => Int }) id: number) {
    return this.addresses.get(ctx, id);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => DeliveryAddressResult, { description: 'Adds a delivery address (the organisation’s ADMIN or the ADMIN of one above it).' })
  createDeliveryAddress(@Ctx() ctx: RequestContext, @Args('input') input: CreateDeliveryAddressInput) {
    return this.addresses.create(ctx, input);
  }

  @PlatformOperatorOr(Role.ADMIN)
  @Mutation(() => DeliveryAddressResult, { description: 'Changes a delivery address, or retires it (active: false).' })
  updateDeliveryAddress(@Ctx() ctx: RequestContext, @Args('input') input: UpdateDeliveryAddressInput) {
    return this.addresses.update(ctx, input);
  }
}
