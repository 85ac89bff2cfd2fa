import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A user as the buyer set-up shows them (owners, approvers, substitutes).' })
export class UserSummary {
  @Field(() => Int, { description: 'User id.' }) id: number;
  @Field({ description: 'Display name.' }) name: string;
  @Field({ description: 'E-mail address.' }) email: string;
}
