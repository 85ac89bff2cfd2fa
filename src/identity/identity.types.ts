import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayNotEmpty, IsEmail, IsEnum, IsInt, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ConnectionType } from '../platform/graphql/connection';
import { OrganisationKind } from './organisation-kind';
import { Role } from './role';

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'BUYER: an institution that orders; PURCHASING_UNIT: tenders and manages agreements; SUPPLIER: sells under agreements.',
});
registerEnumType(Role, {
  name: 'Role',
  description:
    'REQUESTER orders, APPROVER approves requisitions, PURCHASER manages agreements and reviews catalogues, SUPPLIER_ADMIN uploads catalogues and answers orders, ACCOUNTS_PAYABLE handles invoice exceptions and exports approved invoices for posting, ADMIN manages the members of its organisation and of those below it.',
});

@ObjectType({ description: 'A public body or company: institution, purchasing unit or supplier.' })
export class Organisation {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field({ description: 'Legal or common name.' }) name: string;
  @Field({ description: 'Norwegian organisation number (9 digits, mod-11 checked).' }) orgNumber: string;
  @Field(() => OrganisationKind, { description: 'What the organisation is in Torg.' }) kind: OrganisationKind;
  @Field(() => Int, { nullable: true, description: 'The parent organisation (e.g. the municipality of a school).' }) parentId: number | null;
}

@ObjectType({ description: 'A page of organisations.' })
export class OrganisationConnection extends ConnectionType(Organisation, 'Organisation') {}

@ObjectType({ description: 'The caller: who they are and what they may do in the organisation they act for.' })
export class Me {
  @Field(() => Int, { description: 'User id.' }) userId: number;
  @Field({ description: 'E-mail address.' }) email: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field(() => Organisation, { description: 'The organisation the caller acts for.' }) organisation: Organisation;
  @Field(() => [Role], { description: 'Roles in that organisation.' }) roles: Role[];
  @Field({ description: 'A platform operator (configured in PLATFORM_OPERATORS): registers organisations and grants roles in any organisation.' }) platformOperator: boolean;
}

@ObjectType({ description: 'Development and test only: a user devLogin can sign in as, with one organisation they belong to.' })
export class DevUser {
  @Field({ description: 'E-mail address (give it to devLogin).' }) email: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field(() => Int, { description: 'The organisation (give it to devLogin for users in several).' }) organisationId: number;
  @Field({ description: "The organisation's name." }) organisationName: string;
  @Field(() => [Role], { description: 'Roles there.' }) roles: Role[];
}

@ObjectType({ description: 'A bearer token and whom it identifies.' })
export class AuthPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' }) token: string;
  @Field(() => Me, { description: 'The user the token is for.' }) me: Me;
}

@InputType({ description: 'A new organisation.' })
export class CreateOrganisationInput {
  @Field({ description: 'Name.' }) @IsString() @Length(2, 200) name: string;
  @Field({ description: 'Norwegian organisation number, 9 digits (spaces allowed).' }) @IsString() @MaxLength(20) orgNumber: string;
  @Field(() => OrganisationKind, { description: 'Kind.' }) @IsEnum(OrganisationKind) kind: OrganisationKind;
  @Field(() => Int, { nullable: true, description: 'Parent organisation id.' }) @IsOptional() @IsInt() parentId?: number;
}

@InputType({ description: 'A user and their roles in one organisation (created or updated by e-mail).' })
export class GrantMembershipInput {
  @Field({ description: 'E-mail address; the user is created if unknown.' }) @IsEmail() email: string;
  @Field({ description: 'Display name for a new user.' }) @IsString() @Length(1, 200) name: string;
  @Field(() => Int, { description: 'Organisation id.' }) @IsInt() organisationId: number;
  @Field(() => [Role], { description: 'Roles in that organisation (replaces earlier ones).' }) @ArrayNotEmpty() @IsEnum(Role, { each: true }) roles: Role[];
}

@InputType({ description: 'Filters for the organisation list.' })
export class OrganisationFilter {
  @Field(() => OrganisationKind, { nullable: true, description: 'Only this kind.' }) @IsOptional() @IsEnum(OrganisationKind) kind?: OrganisationKind;
  @Field(() => Int, { nullable: true, description: 'Only children of this organisation.' }) @IsOptional() @IsInt() parentId?: number;
}
