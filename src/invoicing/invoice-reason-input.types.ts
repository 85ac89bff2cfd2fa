import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsString, Length } from 'class-validator';
import { INVOICE_STATUS_REASONS } from '../peppol';
import type { InvoiceStatusReason } from '../peppol';

/**
 * The status reasons (OPStatusReason) a person may give the supplier, in a question (UQ) or as
 * the condition of an acceptance (CA): every one but NON (no issue: nothing to say) and PPD
 * (partially paid: only with PD, PEPPOL-T111-R005). Its own file: the approve and the query
 * inputs both use it.
 */
export const QUERY_REASON_CODES = INVOICE_STATUS_REASONS.filter((c) => c !== 'NON' && c !== 'PPD');
export type QueryReasonCode = Exclude<InvoiceStatusReason, 'NON' | 'PPD'>;
export const QueryReasonCodeEnum = Object.fromEntries(QUERY_REASON_CODES.map((c) => [c, c])) as Record<QueryReasonCode, QueryReasonCode>;
registerEnumType(QueryReasonCodeEnum, {
  name: 'InvoiceQueryReasonCode',
  description:
    'OpenPEPPOL status reason (OPStatusReason) of a question to the supplier or of a condition: REF references, LEG legal, REC receiver, QUA quality, DEL delivery, PRI prices, QTY quantity, ITM items, PAY payment terms, UNR not recognised, FIN finance terms, OTH other.',
});

@InputType({ description: 'One status reason of a question to the supplier, with its text.' })
export class InvoiceQueryReasonInput {
  @Field(() => QueryReasonCodeEnum, { description: 'The status reason code.' }) @IsEnum(QueryReasonCodeEnum) code: QueryReasonCode;
  @Field({ description: 'What the supplier is asked, in words (1–1000 characters).' }) @IsString() @Length(1, 1000) text: string;
}

@InputType({ description: 'One condition an invoice is accepted on (Invoice Response CA), with its status reason.' })
export class InvoiceConditionInput {
  @Field(() => QueryReasonCodeEnum, { description: 'The status reason code the condition is about (PAY payment terms, PRI prices, QTY quantity, …).' })
  @IsEnum(QueryReasonCodeEnum)
  code: QueryReasonCode;
  @Field({ description: 'The condition, in words for the supplier (1–1000 characters).' }) @IsString() @Length(1, 1000) text: string;
}
