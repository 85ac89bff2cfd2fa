import { CustomScalar, Scalar } from '@nestjs/graphql';
import Decimal from 'decimal.js';
import { Kind, ValueNode } from 'graphql';
import { badInput } from '../errors/domain-error';

/** A decimal number written as a string ("1234.50"), so money never passes through a float. */
@Scalar('Decimal', () => Decimal)
export class DecimalScalar implements CustomScalar<string, Decimal> {
  description = 'A decimal number as a string, e.g. "149.90". Money is never a binary float.';

  parseValue(value: unknown): Decimal {
    return parseDecimal(value);
  }

  serialize(value: unknown): string {
    if (value instanceof Decimal) return value.toString();
    // numeric columns arrive as exact strings ("49.9000"): pass them on as written.
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return value;
    if (typeof value === 'string' || typeof value === 'number') return new Decimal(value).toString();
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
