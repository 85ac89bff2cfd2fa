import { render, screen, waitFor } from '@testing-library/react';
import type { CombinedError } from '@urql/core';
import i18n from 'i18next';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fromValue } from 'wonka';
import { mockClient, withProviders } from '../test/urql-mock';
import { CeilingForm, CLAUSE_RULES, PriceClauseForm, termsRefusal } from './AgreementTermsForms';
import { clauseFieldOf } from './agreement-terms';

/** A GraphQL error as urql hands it over: the server's English message and its extensions. */
const refused = (message: string, extensions: Record<string, unknown>) => ({ graphQLErrors: [{ message, extensions }], networkError: undefined, message: 'x' });

const terms = (valueCeiling: string | null) => ({ __typename: 'Agreement', id: 4, valueCeiling, committed: '1200.00', invoiced: '0', remainingHeadroom: null, priceClause: null });

describe('CeilingForm', () => {
  it('sends the amount typed the Norwegian way as the exact decimal, says so, and lets the page read the agreement again', async () => {
    const { client, executeMutation } = mockClient({ SetAgreementCeiling: { setAgreementCeiling: terms('1250000.5') } });
    const onSaved = vi.fn();
    render(withProviders(<CeilingForm agreement={{ id: 4, currency: 'NOK', valueCeiling: null, committed: '1200.00' }} onSaved={onSaved} />, client));
    await userEvent.type(screen.getByLabelText('Avtaletak i NOK'), '1 250 000,50');
    await userEvent.click(screen.getByRole('button', { name: 'Lagre taket' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ agreementId: 4, valueCeiling: '1250000.50' });
  });

  it('shows a malformed amount in the error summary and beside the field, keeps it, and sends nothing', async () => {
    const { client, executeMutation } = mockClient({});
    render(withProviders(<CeilingForm agreement={{ id: 4, currency: 'EUR', valueCeiling: null, committed: '0' }} onSaved={() => undefined} />, client));
    const field = screen.getByLabelText('Avtaletak i EUR');
    await userEvent.type(field, '12,345');
    await userEvent.click(screen.getByRole('button', { name: 'Lagre taket' }));
    expect(await screen.findByText('Rett dette før du lagrer:')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Taket kan ha høyst to desimaler.' });
    expect(link.getAttribute('href')).toBe('#ceiling-amount');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBeTruthy();
    expect((field as HTMLInputElement).value).toBe('12,345');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('says what to do when the server refuses (not the managing unit), and keeps what was typed', async () => {
    const { client, executeMutation } = mockClient({});
    executeMutation.mockImplementation((op) =>
      fromValue({ operation: op, data: null, error: { graphQLErrors: [{ message: 'Only the purchasing unit …', extensions: { code: 'FORBIDDEN' } }], networkError: undefined, message: 'x' } }),
    );
    render(withProviders(<CeilingForm agreement={{ id: 4, currency: 'NOK', valueCeiling: '5000', committed: '0' }} onSaved={() => undefined} />, client));
    const field = screen.getByLabelText<HTMLInputElement>('Avtaletak i NOK');
    expect(field.value).toBe('5\u00a0000');
    await userEvent.clear(field);
    await userEvent.type(field, '7 500');
    await userEvent.click(screen.getByRole('button', { name: 'Lagre taket' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Bare innkjøpsenheten som forvalter avtalen kan endre den');
    expect(field.value).toBe('7 500');
  });

  it("puts the input validation's refusal of the amount beside the field, in Norwegian, without the server's English", async () => {
    const { client, executeMutation } = mockClient({});
    executeMutation.mockImplementation((op) =>
      fromValue({ operation: op, data: null, error: refused('valueCeiling must be an amount such as "250000" …', { code: 'BAD_USER_INPUT', fields: ['valueCeiling'] }) }),
    );
    render(withProviders(<CeilingForm agreement={{ id: 4, currency: 'NOK', valueCeiling: null, committed: '0' }} onSaved={() => undefined} />, client));
    const field = screen.getByLabelText<HTMLInputElement>('Avtaletak i NOK');
    await userEvent.type(field, '1 250 000');
    await userEvent.click(screen.getByRole('button', { name: 'Lagre taket' }));
    const link = await screen.findByRole('link', { name: 'Skriv taket som et beløp i NOK, for eksempel 1 250 000,50, eller la feltet stå tomt for å fjerne taket.' });
    expect(link.getAttribute('href')).toBe('#ceiling-amount');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.body.textContent).not.toContain('must be an amount');
    expect(field.value).toBe('1 250 000');
  });
});

describe('termsRefusal', () => {
  const clauseRule = (f: string) => `rule:${f}`;
  const error = (message: string, extensions: Record<string, unknown>) => refused(message, extensions) as unknown as CombinedError;

  it.each([
    ['nb', 'Prosenten må være et tall over 0 og høyst 100, for eksempel 3 eller 2,5.'],
    ['en', 'The percent must be a number above 0 and at most 100, e.g. 3 or 2,5.'],
  ])('in %s: a known field refusal gets the rule for that field', (lng, text) => {
    const t = i18n.getFixedT(lng);
    // The form's own table of rules: a wrong entry there fails this test.
    const why = termsRefusal(error('maxIncrease.percent 101 is above 100', { code: 'BAD_USER_INPUT', field: 'maxIncrease.percent' }), t, clauseFieldOf, (f) => t(CLAUSE_RULES[f]));
    expect(why).toEqual({ field: 'percent', message: text });
  });

  it.each([
    ['nb', 'Torg kunne ikke bruke det som ble sendt. Sjekk det du har fylt inn, og prøv igjen.'],
    ['en', 'Torg could not use what was sent. Check what you filled in and try again.'],
  ])("in %s: a refusal of no field the form has is said by its code, never in the server's words", (lng, text) => {
    const why = termsRefusal(error('Give exactly one of maxIncrease and index', { code: 'BAD_USER_INPUT', fields: ['input'] }), i18n.getFixedT(lng), clauseFieldOf, clauseRule);
    expect(why).toEqual({ field: null, message: text });
  });

  it('says the managing unit alone may change the agreement (FORBIDDEN), in English too', () => {
    const why = termsRefusal(error('Only …', { code: 'FORBIDDEN' }), i18n.getFixedT('en'), clauseFieldOf, clauseRule);
    expect(why.field).toBeNull();
    expect(why.message).toBe(i18n.getFixedT('en')('purchasing.terms.errors.forbidden'));
    expect(why.message).not.toBe(i18n.getFixedT('nb')('purchasing.terms.errors.forbidden'));
  });
});

describe('PriceClauseForm', () => {
  it("puts a field the server refuses beside that field, in the form's own words (not the server's English), and keeps the draft", async () => {
    const { client, executeMutation } = mockClient({});
    executeMutation.mockImplementation((op) =>
      fromValue({ operation: op, data: null, error: refused('index.baseValue 0.0001 must be above 0', { code: 'BAD_USER_INPUT', field: 'index.baseValue' }) }),
    );
    render(withProviders(<PriceClauseForm agreementId={4} clause={null} onSaved={() => undefined} />, client));
    await userEvent.click(screen.getByLabelText('Indeksregulering (for eksempel KPI)'));
    await userEvent.type(screen.getByLabelText('Indeks'), 'KPI');
    await userEvent.type(screen.getByLabelText('Dato for grunnverdien'), '2025-01-01');
    await userEvent.type(screen.getByLabelText('Indeksens grunnverdi'), '131,2');
    await userEvent.click(screen.getByRole('button', { name: 'Lagre prisklausulen' }));
    const link = await screen.findByRole('link', { name: 'Grunnverdien må være et tall over 0, for eksempel 131,2.' });
    expect(link.getAttribute('href')).toBe('#clause-base-value');
    expect(document.body.textContent).not.toContain('must be above 0');
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ input: { agreementId: 4, index: { indexName: 'KPI', baseDate: '2025-01-01', baseValue: '131.2', sharePercent: '100' } } });
    expect(screen.getByLabelText('Indeksens grunnverdi').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Indeks').value).toBe('KPI');
  });

  it('checks the fields before sending and removes a clause in force', async () => {
    const { client, executeMutation } = mockClient({ RemoveAgreementPriceClause: { removeAgreementPriceClause: terms(null) } });
    const onSaved = vi.fn();
    render(withProviders(<PriceClauseForm agreementId={4} clause={{ kind: 'MAX_INCREASE', maxIncreasePercent: '3', periodMonths: 12, reference: 'AGREEMENT_START' }} onSaved={onSaved} />, client));
    const percent = screen.getByLabelText<HTMLInputElement>('Største økning i prosent');
    expect(percent.value).toBe('3');
    await userEvent.clear(percent);
    await userEvent.click(screen.getByRole('button', { name: 'Lagre prisklausulen' }));
    expect(await screen.findByRole('link', { name: 'Skriv hvor mange prosent prisene høyst kan øke.' })).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Fjern prisklausulen' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(executeMutation.mock.calls[0][0].variables).toEqual({ agreementId: 4 });
  });
});
