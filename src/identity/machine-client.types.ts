import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayNotEmpty, IsEnum, IsInt, IsString, Length, Matches } from 'class-validator';
import { ConnectionType } from '../platform/graphql/connection';
import { ErrorResult } from '../platform/results/error-result';
import { resultUnion } from '../platform/results/result-union';
import { Role } from './role';
import './identity.types'; // registers the Role enum

@ObjectType({
  description:
    "A system (a supplier's ERP or catalogue tool) that calls Torg with OAuth2 client-credentials tokens from the OIDC provider, for one organisation and with the roles registered here. Its tokens are refused once it is revoked.",
})
export class MachineClient {
  @Field(() => Int, { description: 'Torg id.' }) id: number;
  @Field({ description: 'The OAuth2 client id its tokens carry (claim client_id, else azp).' }) clientId: string;
  @Field({ description: 'What the system is, for people.' }) name: string;
  @Field(() => Int, { description: 'The organisation it acts for.' }) organisationId: number;
  @Field(() => [Role], { description: 'Its roles in that organisation.' }) roles: Role[];
  @Field({ description: 'False once revoked: Torg refuses its tokens.' }) active: boolean;
  @Field({ description: 'When it was registered.' }) createdAt: Date;
  @Field(() => Int, { nullable: true, description: 'The user who registered it (none for the demo seed).' }) createdBy: number | null;
  @Field(() => Date, { nullable: true, description: 'When it was revoked.' }) revokedAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'The user who revoked it.' }) revokedBy: number | null;
}

@ObjectType({ description: 'A page of machine clients.' })
export class MachineClientConnection extends ConnectionType(MachineClient, 'MachineClient') {}

@ObjectType({ implements: () => [ErrorResult], description: 'An active machine client has this client id already (client ids are unique across Torg).' })
export class ClientIdTakenError extends ErrorResult {
  errorCode = 'CLIENT_ID_TAKEN';
  @Field({ description: 'The client id asked for.' }) clientId: string;

  static of(clientId: string): ClientIdTakenError {
    const error = new ClientIdTakenError();
    error.clientId = clientId;
    error.message = `Client id ${JSON.stringify(clientId)} belongs to an active machine client already; revoke that one first, or ask a platform operator if it is not yours`;
    return error;
  }
}

@ObjectType({ implements: () => [ErrorResult], description: 'The machine client was revoked already.' })
export class MachineClientRevokedError extends ErrorResult {
  errorCode = 'ALREADY_REVOKED';
  @Field({ description: 'When it was revoked.' }) revokedAt: Date;

  static of(id: number, revokedAt: Date): MachineClientRevokedError {
    const error = new MachineClientRevokedError();
    error.revokedAt = revokedAt;
    error.message = `Machine client ${id} was revoked already, on ${revokedAt.toISOString()}`;
    return error;
  }
}

export const RegisterMachineClientResult = resultUnion({
  name: 'RegisterMachineClientResult',
  description: 'The registered machine client, or why it could not be registered.',
  types: () => [MachineClient, ClientIdTakenError] as const,
});

export const RevokeMachineClientResult = resultUnion({
  name: 'RevokeMachineClientResult',
  description: 'The revoked machine client, or why it could not be revoked.',
  types: () => [MachineClient, MachineClientRevokedError] as const,
});

@InputType({ description: 'A system to let call Torg for an organisation.' })
export class RegisterMachineClientInput {
  @Field(() => Int, { description: 'The organisation it acts for.' }) @IsInt() organisationId: number;
  @Field({ description: "The OAuth2 client id its tokens carry, as the OIDC provider issued it (Maskinporten: the integration's client id)." })
  @IsString()
  @Length(1, 255)
  @Matches(/^[^\s\p{C}]+$/u, { message: 'clientId must hold no spaces or control characters' })
  clientId: string;
  @Field({ description: 'What the system is, for people.' }) @IsString() @Length(1, 200) name: string;
  @Field(() => [Role], { description: 'Its roles (a supplier system: SUPPLIER_ADMIN; never ADMIN).' }) @ArrayNotEmpty() @IsEnum(Role, { each: true }) roles: Role[];
}

@ObjectType({ description: 'A bearer token for a machine client, and the client.' })
export class ClientTokenPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>".' }) token: string;
  @Field(() => MachineClient, { description: 'The machine client the token is for.' }) machineClient: MachineClient;
}
