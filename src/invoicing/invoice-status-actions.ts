import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { INVOICE_STATUS_ACTIONS } from '../peppol';
import type { InvoiceStatusAction } from '../peppol';
import { badInput } from '../platform/errors/domain-error';
import type { InvoiceResponseAction } from './invoice-response-for';

/**
 * Status actions (OpenPEPPOL OPStatusAction) accounts payable may ask of a supplier in a question
 * (UQ) or a rejection (RE): what the supplier should do next, beside the reasons that say why.
 */
const StatusActionEnum = Object.fromEntries(INVOICE_STATUS_ACTIONS.map((c) => [c, c])) as Record<InvoiceStatusAction, InvoiceStatusAction>;
registerEnumType(StatusActionEnum, {
  name: 'InvoiceStatusActionCode',
  description:
    'OpenPEPPOL status action (OPStatusAction): what the supplier is asked to do. NOA no action required, PIN provide information, NIN issue a new invoice, CNF credit fully, CNP credit partially, CNA credit the amount, OTH other (say what in the text).',
});

@InputType({ description: 'One status action asked of the supplier, with an optional text.' })
export class InvoiceStatusActionInput {
  @Field(() => StatusActionEnum, { description: 'The status action code.' }) @IsEnum(StatusActionEnum) code: InvoiceStatusAction;
  @Field({ nullable: true, description: 'What exactly is asked, in words (1–1000 characters; needed for OTH).' }) @IsOptional() @IsString() @Length(1, 1000) text?: string;
}

/**
 * The actions that fit each decision: a question asks for something (not NOA, no action); a
 * rejection asks for a new invoice or a credit (or OTH), not for information, which is a question.
 */
const FITTING: Record<'query' | 'dispute', readonly InvoiceStatusAction[]> = {
  query: ['PIN', 'NIN', 'CNF', 'CNP', 'CNA', 'OTH'],
  dispute: ['NIN', 'CNF', 'CNP', 'CNA', 'OTH'],
};
const WHY_NOT: Partial<Record<InvoiceStatusAction, string>> = {
  NOA: 'NOA (no action required) asks nothing of the supplier',
  PIN: 'PIN (provide information) is a question: use queryInvoice, which keeps the invoice open for the answer',
};

/** The actions as given, trimmed; BAD_USER_INPUT naming the entry when one does not fit `decision`, repeats a code, or is OTH without a text. */
export function statusActions(actions: readonly InvoiceStatusActionInput[] | undefined, decision: 'query' | 'dispute'): InvoiceResponseAction[] {
  const seen = new Set<InvoiceStatusAction>();
  return (actions ?? []).map((a, i) => {
    const field = `actions[${i}].code`;
    if (!FITTING[decision].includes(a.code))
      throw badInput(`${field}: ${WHY_NOT[a.code] ?? a.code} does not fit ${decision === 'query' ? 'a question (UQ)' : 'a rejection (RE)'}; use one of ${FITTING[decision].join(', ')}`, { field });
    if (seen.has(a.code)) throw badInput(`${field}: ${a.code} is given twice; give each action once, with all its text`, { field });
    seen.add(a.code);
    const text = a.text?.trim();
    if (a.code === 'OTH' && !text) throw badInput(`actions[${i}].text: OTH (other) needs a text saying what the supplier should do`, { field: `actions[${i}].text` });
    return text ? { code: a.code, text } : { code: a.code };
  });
}
