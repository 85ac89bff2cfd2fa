import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional } from 'class-validator';
import { ConnectionType } from '../../platform/graphql/connection';
import { ErrorResult } from '../../platform/results/error-result';
import { resultUnion } from '../../platform/results/result-union';
import { MissingRoleError, UserNotInOrganisationError } from './buyer-setup.errors';
import { IsDate } from '../../platform/graphql/input-formats';

export enum DelegationStatus {
  SCHEDULED = 'SCHEDULED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(DelegationStatus, {
  name: 'DelegationStatus',
  description: 'SCHEDULED: starts later; ACTIVE: in force today (Oslo time); ENDED: its last day has passed; CANCELLED: withdrawn.',
});

@ObjectType('ApprovalDelegation', { description: 'An approver’s substitute for a period: the substitute approves with the approver’s authority, recorded as on their behalf.' })
export class Delegation {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field(() => Int, { description: 'The organisation.' }) organisationId: number;
  @Field(() => Int, { description: 'The approver who is away.' }) principalUserId: number;
  @Field(() => Int, { description: 'Who stands in for them.' }) substituteUserId: number;
  @Field({ description: 'First day (YYYY-MM-DD, Oslo time).' }) validFrom: string;
  @Field({ description: 'Last day, included (YYYY-MM-DD, Oslo time).' }) validTo: string;
  @Field(() => Int, { nullable: true, description: 'Who recorded it (the approver or an ADMIN); null when the system did.' }) createdByUserId: number | null;
  @Field({ description: 'When it was recorded.' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was cancelled, if it was.' }) cancelledAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'Who cancelled it.' }) cancelledByUserId: number | null;
}

@ObjectType({ description: 'A page of delegations.' })
export class DelegationConnection extends ConnectionType(Delegation, 'ApprovalDelegation') {}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'The delegation is not possible as asked: SELF_DELEGATION (naming oneself), PERIOD_IN_PAST (starts before today), ALREADY_CANCELLED, ALREADY_ENDED.',
})
export class InvalidDelegationError extends ErrorResult {
  static of(errorCode: 'SELF_DELEGATION' | 'PERIOD_IN_PAST' | 'ALREADY_CANCELLED' | 'ALREADY_ENDED', message: string): InvalidDelegationError {
    return Object.assign(new InvalidDelegationError(), { errorCode, message });
  }
}

@ObjectType({
  implements: () => [ErrorResult],
  description: 'The delegation contradicts another over an overlapping period (one substitute at a time; a substitute who is away; a principal who stands in for someone).',
})
export class DelegationOverlapError extends ErrorResult {
  errorCode = 'OVERLAPPING_DELEGATION';
  @Field(() => Int, { description: 'The delegation it contradicts.' }) conflictingDelegationId: number;

  static of(conflictingDelegationId: number, reason: string): DelegationOverlapError {
    return Object.assign(new DelegationOverlapError(), { conflictingDelegationId, message: `The delegation contradicts delegation ${conflictingDelegationId}: ${reason}` });
  }
}

export const DelegationResult = resultUnion({
  name: 'DelegationResult',
  description: 'The delegation after the change, or why it was not made.',
  types: () => [Delegation, UserNotInOrganisationError, MissingRoleError, InvalidDelegationError, DelegationOverlapError] as const,
});

@InputType({ description: 'Names a substitute for an approver for a period. An APPROVER names their own; an ADMIN may name one for any approver of the organisation.' })
export class CreateDelegationInput {
  @Field(() => Int, { nullable: true, description: 'The organisation; the caller’s own when left out.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field(() => Int, { nullable: true, description: 'The approver who will be away; the caller when left out.' }) @IsOptional() @IsInt() principalUserId?: number;
  @Field(() => Int, { description: 'The substitute: a member of the organisation with the APPROVER role.' }) @IsInt() substituteUserId: number;
  @Field({ description: 'First day, YYYY-MM-DD (today or later, Oslo time).' }) @IsDate('validFrom') validFrom: string;
  @Field({ description: 'Last day, included, YYYY-MM-DD.' }) @IsDate('validTo') validTo: string;
}
