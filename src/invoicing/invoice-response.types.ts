import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A status reason of an invoice response (OPStatusReason) with its text.' })
export class InvoiceResponseStatusReason {
  @Field({ description: 'NON, REF (references), LEG, REC, QUA, DEL (delivery), PRI (price), QTY (quantity), ITM (items), PAY, UNR, FIN, PPD, OTH.' }) code: string;
  @Field({ description: 'What is wrong, in words.' }) text: string;
}

@ObjectType({ description: 'A PEPPOL Invoice Response the buyer sent the supplier about an invoice or credit note.' })
export class InvoiceResponse {
  @Field(() => Int, { description: 'Torg’s id of the response.' }) id: number;
  @Field(() => Int, { description: 'The invoice or credit note answered.' }) invoiceId: number;
  @Field({ description: 'The response document’s cbc:ID.' }) documentId: string;
  @Field({ description: 'AB received, IP in process, UQ under query, CA conditionally accepted, RE rejected, AP accepted, PD paid.' }) code: string;
  @Field(() => [InvoiceResponseStatusReason], { description: 'Why, one per status reason code (required for UQ, CA and RE).' }) reasons: InvoiceResponseStatusReason[];
  @Field(() => String, { nullable: true, description: 'The buyer’s note to the supplier.' }) note: string | null;
  @Field(() => Date, { description: 'When it was sent (queued for the transport).' }) createdAt: Date;
  @Field({ description: 'Path of the document as sent (GET, the invoice’s supplier and buyer only).' }) documentPath: string;
}
