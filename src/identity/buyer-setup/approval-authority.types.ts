import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional, ValidateIf } from 'class-validator';
import Decimal from 'decimal.js';
import { ConnectionType } from '../../platform/graphql/connection';
import { Money } from '../../platform/money/money';
import { resultUnion } from '../../platform/results/result-union';
import { CostCentreInactiveError, MissingRoleError, UserNotInOrganisationError } from './buyer-setup.errors';
import { IsNokAmount } from '../../platform/graphql/input-formats';

@ObjectType({ description: 'A right to approve requisitions up to an amount, on one cost centre or on all of the organisation’s.' })
export class ApproverRight {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field(() => Int, { nullable: true, description: 'The cost centre; null: every cost centre of the organisation.' }) costCentreId: number | null;
  @Field(() => Decimal, { description: 'Largest requisition (excluding VAT) the user may approve under this right.' }) maxAmount: string;
  @Field({ description: 'ISO 4217 currency (NOK).' }) currency: string;
}

@ObjectType({ description: 'What a user may order without approval and approve, in one organisation.' })
export class ApprovalAuthority {
  @Field(() => Int, { description: 'The organisation.' }) organisationId: number;
  @Field(() => Int, { description: 'The user.' }) userId: number;
  @Field(() => Decimal, { nullable: true, description: 'Orders up to this amount (excluding VAT) need no approval; null: none, so every order needs one.' }) personalLimit: string | null;
  @Field({ description: 'ISO 4217 currency of the amounts (NOK).' }) currency: string;
  @Field(() => [ApproverRight], { description: 'Approver rights (those on all cost centres first).' }) approverRights: ApproverRight[];
}

@ObjectType({ description: 'A page of approval authorities.' })
export class ApprovalAuthorityConnection extends ConnectionType(ApprovalAuthority, 'ApprovalAuthority') {}

export const ApprovalAuthorityResult = resultUnion({
  name: 'ApprovalAuthorityResult',
  description: 'The user’s authority after the change, or why it was not made.',
  types: () => [ApprovalAuthority, UserNotInOrganisationError, MissingRoleError] as const,
});

@InputType({ description: 'Sets or removes a user’s personal limit.' })
export class SetPersonalLimitInput {
  @Field(() => Int, { nullable: true, description: 'The organisation; the caller’s own when left out.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field(() => Int, { description: 'The user, a member of the organisation.' }) @IsInt() userId: number;
  @Field(() => String, { nullable: true, description: 'The limit in NOK excluding VAT, e.g. "5000"; null removes it (every order then needs approval).' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsNokAmount('amount')
  amount: string | null;
}

@InputType({ description: 'Gives a user (holding APPROVER) the right to approve up to an amount, on one cost centre or on all; replaces their earlier right there.' })
export class SetApproverRightInput {
  @Field(() => Int, { nullable: true, description: 'The organisation; the caller’s own when left out.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field(() => Int, { description: 'The user, a member of the organisation with the APPROVER role.' }) @IsInt() userId: number;
  @Field(() => Int, { nullable: true, description: 'The cost centre; left out: every cost centre of the organisation.' }) @IsOptional() @IsInt() costCentreId?: number;
  @Field({ description: 'Largest requisition in NOK excluding VAT, e.g. "100000" (more than 0).' }) @IsNokAmount('maxAmount') maxAmount: string;
}

@InputType({ description: 'Takes away a user’s approver right on one cost centre (or their right on all).' })
export class RevokeApproverRightInput {
  @Field(() => Int, { nullable: true, description: 'The organisation; the caller’s own when left out.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field(() => Int, { description: 'The user.' }) @IsInt() userId: number;
  @Field(() => Int, { nullable: true, description: 'The cost centre; left out: the right on all cost centres.' }) @IsOptional() @IsInt() costCentreId?: number;
}

export enum ApprovalDecision {
  WITHIN_OWN_LIMIT = 'WITHIN_OWN_LIMIT',
  NEEDS_APPROVAL = 'NEEDS_APPROVAL',
  NO_APPROVER = 'NO_APPROVER',
}
registerEnumType(ApprovalDecision, {
  name: 'ApprovalDecision',
  description:
    'WITHIN_OWN_LIMIT: approved at once by the requester’s personal limit; NEEDS_APPROVAL: goes to one of the approvers listed; NO_APPROVER: nobody has the authority for that amount on that cost centre.',
});

@ObjectType('AuthorisedApprover', { description: 'Someone who may approve the requisition, with their own authority or as a substitute.' })
export class AuthorisedApproverView {
  @Field(() => Int, { description: 'The approver.' }) userId: number;
  @Field(() => Int, { nullable: true, description: 'The principal a substitute approves for ("on behalf of"); null for the approver’s own authority.' }) onBehalfOfUserId: number | null;
  @Field(() => Decimal, { description: 'The largest amount the authority used covers on this cost centre.' }) maxAmount: Money;
}

@ObjectType('ApprovalRoute', { description: 'Where a requisition of this amount on this cost centre would go.' })
export class ApprovalRouteView {
  @Field(() => ApprovalDecision, { description: 'What happens to it.' }) decision: ApprovalDecision;
  @Field(() => Int, { description: 'The cost centre.' }) costCentreId: number;
  @Field(() => Decimal, { description: 'The amount asked about, excluding VAT.' }) amount: Money;
  @Field({ description: 'ISO 4217 currency (NOK).' }) currency: string;
  @Field(() => Decimal, { nullable: true, description: 'The requester’s personal limit; null when none is set.' }) personalLimit: Money | null;
  @Field(() => [AuthorisedApproverView], { description: 'Who may approve it (own authority first, then substitutes); empty unless NEEDS_APPROVAL.' }) approvers: AuthorisedApproverView[];
}

export const ApprovalRouteResult = resultUnion({
  name: 'ApprovalRouteResult',
  description: 'Where the requisition would go, or why it cannot be placed on that cost centre.',
  types: () => [ApprovalRouteView, CostCentreInactiveError] as const,
});
