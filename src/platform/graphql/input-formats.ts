import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/**
 * An amount of money as GraphQL input: a decimal string (never a float), not negative, at most
 * two decimals and 16 digits before the point (numeric(18,2)). Strings like search's price
 * filters, so class-validator checks them before a service sees them. `currencyWords` names the
 * currency in the message when it is fixed ("in NOK "); an agreement's amounts are in its own.
 */
export const IsAmount = (field: string, currencyWords = '') =>
  Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: `${field} must be an amount ${currencyWords}such as "250000" or "1499.50": not negative, at most 2 decimals and 16 digits` });

/** An amount in NOK (budgets, limits): IsAmount's rules. */
export const IsNokAmount = (field: string) => IsAmount(field, 'in NOK ');

/** A calendar date, YYYY-MM-DD, in the years 1000–2999 (PostgreSQL refuses a year 0). */
export const IsDate = (field: string) =>
  applyDecorators(IsISO8601({ strict: true }, { message: `${field} must be a date YYYY-MM-DD` }), Matches(/^[12]\d{3}-\d{2}-\d{2}$/, { message: `${field} must be YYYY-MM-DD, years 1000–2999` }));
