import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/**
 * An amount in NOK as GraphQL input: a decimal string (never a float), not negative, at most two
 * decimals and 16 digits before the point (numeric(18,2)). Strings like search's price filters,
 * so class-validator checks them before a service sees them.
 */
export const IsNokAmount = (field: string) =>
  Matches(/^\d{1,16}(\.\d{1,2})?$/, { message: `${field} must be an amount in NOK such as "250000" or "1499.50": not negative, at most 2 decimals and 16 digits` });

/** A calendar date, YYYY-MM-DD, in the years 1000–2999 (PostgreSQL refuses a year 0). */
export const IsDate = (field: string) =>
  applyDecorators(IsISO8601({ strict: true }, { message: `${field} must be a date YYYY-MM-DD` }), Matches(/^[12]\d{3}-\d{2}-\d{2}$/, { message: `${field} must be YYYY-MM-DD, years 1000–2999` }));
