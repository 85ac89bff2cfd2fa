import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A status reason of an invoice response (OPStatusReason) with its text.' })
export class InvoiceResponseStatusReason {
  @Field({ description: 'NON, REF (references), LEG, REC, QUA, DEL (delivery), PRI (price), QTY (quantity), ITM (items), PAY, UNR, FIN, PPD, OTH.' }) code: string;
  @Field({ description: 'What is wrong, in words.' }) text: string;
}

@ObjectType({ description: 'A status action of an invoice response (OPStatusAction): what the supplier is asked to do, with its text.' })
export class InvoiceResponseStatusAction {
  @Field({ description: 'NOA no action, PIN provide information, NIN issue a new invoice, CNF credit fully, CNP credit partially, CNA credit the amount, OTH other.' }) code: string;
  @Field(() => String, { nullable: true, description: 'What is asked, in words (absent when the code says it all).' }) text?: string | null;
}

@ObjectType({ description: 'A PEPPOL Invoice Response the buyer sent the supplier about an invoice or credit note.' })
export class InvoiceResponse {
  @Field(() => Int, { description: 'Torg’s id of the response.' }) id: number;
  @Field(() => Int, { description: 'The invoice or credit note answered.' }) invoiceId: number;
  @Field({ description: 'The response document’s cbc:ID.' }) documentId: string;
  @Field({ description: 'AB received, IP in process, UQ under query, CA conditionally accepted, RE rejected, AP accepted, PD paid.' }) code: string;
  @Field(() => [InvoiceResponseStatusReason], { description: 'Why, one per status reason code (required for UQ, CA and RE).' }) reasons: InvoiceResponseStatusReason[];
  @Field(() => [InvoiceResponseStatusAction], { description: 'What the supplier is asked to do, one per status action code (none for most responses).' }) actions: InvoiceResponseStatusAction[];
  @Field(() => String, { nullable: true, description: 'The buyer’s note to the supplier.' }) note: string | null;
  @Field(() => Date, { description: 'When it was sent (queued for the transport).' }) createdAt: Date;
  @Field({ description: 'Path of the document as sent (GET, the invoice’s supplier and buyer only).' }) documentPath: string;
}
