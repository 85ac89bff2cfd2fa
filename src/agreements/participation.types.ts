import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt } from 'class-validator';
import { IsDate } from '../platform/graphql/input-formats';

/** One period in which an organisation took part in an agreement (a row of agreement_participant). */
export interface ParticipationPeriod {
  organisationId: number;
  /** YYYY-MM-DD, the first day. */
  validFrom: string;
  /** YYYY-MM-DD, the last day; null: until the agreement ends. */
  validTo: string | null;
}

@ObjectType({ description: 'A period in which a buyer organisation takes (or took) part in an agreement; its children take part through it.' })
export class AgreementParticipation implements ParticipationPeriod {
  @Field(() => Int, { description: 'The participating organisation.' }) organisationId: number;
  @Field({ description: 'First day it takes part (YYYY-MM-DD).' }) validFrom: string;
  @Field(() => String, { nullable: true, description: 'Last day it takes part (YYYY-MM-DD); null: until the agreement ends.' }) validTo: string | null;
}

@InputType({ description: 'A buyer organisation joins an agreement from a day on (it may already be running).' })
export class JoinAgreementInput {
  @Field(() => Int, { description: 'The agreement.' }) @IsInt() agreementId: number;
  @Field(() => Int, { description: 'The buyer organisation (or purchasing unit) that joins; its children take part through it.' }) @IsInt() organisationId: number;
  @Field({ description: 'The first day it takes part, YYYY-MM-DD, within the agreement’s validity; may be in the past (recorded late) or the future.' })
  @IsDate('validFrom')
  validFrom: string;
}

@InputType({ description: 'A participant leaves an agreement after a day: its orders from the next day on are not under the agreement.' })
export class LeaveAgreementInput {
  @Field(() => Int, { description: 'The agreement.' }) @IsInt() agreementId: number;
  @Field(() => Int, { description: 'The participating organisation.' }) @IsInt() organisationId: number;
  @Field({ description: 'Its last day as a participant, YYYY-MM-DD: not before its participation began, not after the agreement ends.' })
  @IsDate('lastDay')
  lastDay: string;
}
