import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ConnectionType } from '../../platform/graphql/connection';
import { resultUnion } from '../../platform/results/result-union';
import { DuplicateValueError } from './buyer-setup.errors';

@ObjectType({
  description:
    'Where suppliers deliver to the organisation. In an order it becomes cac:Delivery/cac:DeliveryLocation: the GLN as cbc:ID with schemeID 0088, the address as cac:Address (StreetName, AdditionalStreetName, AddressLine/Line, CityName, PostalZone, Country/IdentificationCode).',
})
export class DeliveryAddress {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field(() => Int, { description: 'The organisation.' }) organisationId: number;
  @Field({ description: 'What people choose it by, e.g. "Varemottak, hovedbygget"; unique within the organisation.' }) label: string;
  @Field({ description: 'Street and number (cbc:StreetName).' }) streetName: string;
  @Field(() => String, { nullable: true, description: 'Second address line (cbc:AdditionalStreetName).' }) additionalStreetName: string | null;
  @Field(() => String, { nullable: true, description: 'Third address line, e.g. a building or door (cac:AddressLine/cbc:Line).' }) addressLine: string | null;
  @Field({ description: 'Postcode (cbc:PostalZone).' }) postalCode: string;
  @Field({ description: 'City or post town (cbc:CityName).' }) city: string;
  @Field({ description: 'ISO 3166-1 alpha-2 country code.' }) countryCode: string;
  @Field(() => String, { nullable: true, description: 'GS1 Global Location Number of the delivery location (PEPPOL scheme 0088).' }) gln: string | null;
  @Field({ description: 'False once retired: no longer offered for new orders.' }) active: boolean;
  @Field({ description: 'When it was created.' }) createdAt: Date;
  @Field({ description: 'When it last changed.' }) updatedAt: Date;
}

@ObjectType({ description: 'A page of delivery addresses.' })
export class DeliveryAddressConnection extends ConnectionType(DeliveryAddress, 'DeliveryAddress') {}

export const DeliveryAddressResult = resultUnion({
  name: 'DeliveryAddressResult',
  description: 'The delivery address after the change, or why it was not made.',
  types: () => [DeliveryAddress, DuplicateValueError] as const,
});

const GLN = /^\d{13}$/;
const GLN_MESSAGE = 'gln must be a 13-digit GS1 Global Location Number';

@InputType({ description: 'A new delivery address (the organisation’s ADMIN, or the ADMIN of one above it).' })
export class CreateDeliveryAddressInput {
  @Field(() => Int, { nullable: true, description: 'The organisation; the caller’s own when left out.' }) @IsOptional() @IsInt() organisationId?: number;
  @Field({ description: 'Label, unique within the organisation.' }) @IsString() @Length(1, 100) label: string;
  @Field({ description: 'Street and number.' }) @IsString() @Length(1, 200) streetName: string;
  @Field({ nullable: true, description: 'Second address line.' }) @IsOptional() @IsString() @Length(1, 200) additionalStreetName?: string;
  @Field({ nullable: true, description: 'Third address line.' }) @IsOptional() @IsString() @Length(1, 200) addressLine?: string;
  @Field({ description: 'Postcode (four digits in Norway).' }) @IsString() @Length(1, 16) postalCode: string;
  @Field({ description: 'City or post town.' }) @IsString() @Length(1, 100) city: string;
  @Field({ defaultValue: 'NO', description: 'ISO 3166-1 alpha-2 country code.' }) @IsString() @Length(2, 2) countryCode: string;
  @Field({ nullable: true, description: 'GLN of the delivery location (13 digits, GS1 check digit).' }) @IsOptional() @Matches(GLN, { message: GLN_MESSAGE }) gln?: string;
}

@InputType({ description: 'Changes to a delivery address; fields left out stay as they are, optional lines set to null are removed.' })
export class UpdateDeliveryAddressInput {
  @Field(() => Int, { description: 'Delivery address id.' }) @IsInt() id: number;
  @Field({ nullable: true, description: 'New label.' }) @IsOptional() @IsString() @Length(1, 100) label?: string;
  @Field({ nullable: true, description: 'New street and number.' }) @IsOptional() @IsString() @Length(1, 200) streetName?: string;
  @Field(() => String, { nullable: true, description: 'New second line; null removes it.' }) @IsOptional() @IsString() @Length(1, 200) additionalStreetName?: string | null;
  @Field(() => String, { nullable: true, description: 'New third line; null removes it.' }) @IsOptional() @IsString() @Length(1, 200) addressLine?: string | null;
  @Field({ nullable: true, description: 'New postcode.' }) @IsOptional() @IsString() @Length(1, 16) postalCode?: string;
  @Field({ nullable: true, description: 'New city.' }) @IsOptional() @IsString() @Length(1, 100) city?: string;
  @Field({ nullable: true, description: 'New country code.' }) @IsOptional() @IsString() @Length(2, 2) countryCode?: string;
  @Field(() => String, { nullable: true, description: 'New GLN; null removes it.' }) @IsOptional() @Matches(GLN, { message: GLN_MESSAGE }) gln?: string | null;
  @Field({ nullable: true, description: 'False retires it; true takes it back into use.' }) @IsOptional() @IsBoolean() active?: boolean;
}
