import { CustomScalar, Scalar } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { Kind, ValueNode } from 'graphql';
import { badInput } from '../errors/domain-error';
import { formatDecimal } from './decimal-text';
import { Money } from './money';

/**
 * A decimal number written as a string, so money never passes through a float. Printed with at
 * least two decimals and no trailing zeros beyond them (see decimal-text.ts); one rule for every
 * Decimal field, prices and VAT rates alike, so clients format all of them the same way.
 */
@Scalar('Decimal', () => Decimal)
export class DecimalScalar implements CustomScalar<string, Decimal> {
  description =
    'A decimal number as a string, never a binary float. Printed with at least two decimals and more only where they carry a digit: prices "149.90", "45.07", "0.1234" (quantities and unit prices keep the decimals they were given: up to four in catalogues and orders, up to ten on received invoices); VAT rates in percent "25.00", "15.00". Accepted as a string or number such as "149.9".';

  parseValue(value: unknown): Decimal {
    return parseDecimal(value);
  }

  serialize(value: unknown): string {
    if (value instanceof Money) return formatDecimal(value.amount);
    if (value instanceof Decimal) return formatDecimal(value);
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return formatDecimal(value);
    if (typeof value === 'string' || typeof value === 'number') return formatDecimal(new Decimal(value));
    throw new Error('Decimal cannot represent ' + typeof value);
  }

  parseLiteral(ast: ValueNode): Decimal {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw badInput('A Decimal must be written as a string such as "149.90"');
  }
}

export function parseDecimal(value: unknown): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number') throw badInput('A Decimal must be a string such as "149.90"');
  const text = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw badInput(`"${text}" is not a decimal number`);
  return new Decimal(text);
}
