import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../platform/graphql/connection';

@ObjectType({ description: 'A node of the UNSPSC tree: segment (level 1), family (2), class (3) or commodity (4).' })
export class UnspscNode {
  @Field({ description: '8-digit code; higher levels end in zeros (44000000 segment, 44120000 family, 44121600 class).' }) code: string;
  @Field(() => Int, { description: '1 segment, 2 family, 3 class, 4 commodity.' }) level: number;
  @Field({ description: 'English title from the code set.' }) title: string;
  @Field(() => String, { nullable: true, description: 'Code of the parent node; null for segments.' }) parentCode: string | null;
  @Field({ description: 'Code-set version the node was last imported from.' }) version: string;
  @Field({ description: 'True when a newer code set no longer has this code but items still use it.' }) deprecated: boolean;
}

@ObjectType({ description: 'A page of UNSPSC nodes.' })
export class UnspscNodeConnection extends ConnectionType(UnspscNode, 'UnspscNode') {}
