import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { RequestContext } from '../../platform/context/request-context';
import { inTransaction } from '../../platform/database/transaction';
import { badInput, notFound } from '../../platform/errors/domain-error';
import { Connection, decodeOffset, toConnection } from '../../platform/graphql/connection';
import { countryCodeProblem, glnProblem, postalCodeProblem } from './address-codes';
import { BuyerSetupAccess, SetupNeed } from './buyer-setup-access';
import { DuplicateValueError } from './buyer-setup.errors';
import type { DeliveryAddressEntity } from './delivery-address.entity';
import { DeliveryAddressRepository } from './delivery-address.repository';
import { CreateDeliveryAddressInput, UpdateDeliveryAddressInput } from './delivery-address.types';

type AddressFields = Pick<DeliveryAddressEntity, 'label' | 'streetName' | 'additionalStreetName' | 'addressLine' | 'postalCode' | 'city' | 'countryCode' | 'gln'>;
const FIELDS: (keyof AddressFields)[] = ['label', 'streetName', 'additionalStreetName', 'addressLine', 'postalCode', 'city', 'countryCode', 'gln'];
const OPTIONAL = new Set<keyof AddressFields>(['additionalStreetName', 'addressLine', 'gln']);

/** Delivery addresses of buyer organisations. Ordering reads one through `find` for an order's delivery. */
@Injectable()
export class DeliveryAddressesService {
  constructor(
    private readonly ds: DataSource,
    private readonly rows: DeliveryAddressRepository,
    private readonly access: BuyerSetupAccess,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, organisationId: number | undefined, includeInactive: boolean, first: number, after?: string): Promise<Connection<DeliveryAddressEntity>> {
    const org = await this.access.require(ctx, this.access.organisationOf(ctx, organisationId), 'read');
    const offset = decodeOffset(after);
    const [rows, total] = await this.rows.page(ctx, org.id, includeInactive, offset, first);
    return toConnection(rows, offset, first, total);
  }

  get(ctx: RequestContext, id: number): Promise<DeliveryAddressEntity> {
    return this.require(ctx, id, 'read');
  }

  /** The address without a caller check (for services that checked the organisation already). */
  find(ctx: RequestContext, id: number): Promise<DeliveryAddressEntity | null> {
    return this.rows.find(ctx, id);
  }

  async create(ctx: RequestContext, input: CreateDeliveryAddressInput): Promise<DeliveryAddressEntity | DuplicateValueError> {
    const fields = checked({
      label: input.label,
      streetName: input.streetName,
      additionalStreetName: input.additionalStreetName ?? null,
      addressLine: input.addressLine ?? null,
      postalCode: input.postalCode,
      city: input.city,
      countryCode: input.countryCode ?? 'NO',
      gln: input.gln ?? null,
    });
    return inTransaction(this.ds, ctx, async (tx) => {
      const org = await this.access.require(tx, this.access.organisationOf(tx, input.organisationId), 'manage');
      await this.rows.lockOrganisation(tx, org.id);
      const taken = await this.rows.byLabel(tx, org.id, fields.label);
      if (taken) return DuplicateValueError.of('delivery address', 'label', fields.label, taken.id);
      const address = await this.rows.create(tx, { organisationId: org.id, ...fields });
      await this.audit.record(tx, 'delivery-address.created', 'delivery_address', address.id, { organisationId: org.id, ...fields });
      return address;
    });
  }

  async update(ctx: RequestContext, input: UpdateDeliveryAddressInput): Promise<DeliveryAddressEntity | DuplicateValueError> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const address = await this.require(tx, input.id, 'manage');
      const merged = { ...address } as AddressFields;
      for (const f of FIELDS) {
        const value = input[f];
        if (value === undefined || (value === null && !OPTIONAL.has(f))) continue;
        (merged as Record<string, string | null>)[f] = value;
      }
      const fields = checked(merged);
      const changes: Record<string, { from: unknown; to: unknown }> = Object.fromEntries(FIELDS.filter((f) => fields[f] !== address[f]).map((f) => [f, { from: address[f], to: fields[f] }]));
      if (input.active != null && input.active !== address.active) changes.active = { from: address.active, to: input.active };
      if (!Object.keys(changes).length) return address;
      await this.rows.lockOrganisation(tx, address.organisationId);
      if (changes.label) {
        const taken = await this.rows.byLabel(tx, address.organisationId, fields.label);
        if (taken && taken.id !== address.id) return DuplicateValueError.of('delivery address', 'label', fields.label, taken.id);
      }
      const saved = await this.rows.save(tx, Object.assign(address, fields, input.active != null ? { active: input.active } : {}));
      await this.audit.record(tx, 'delivery-address.updated', 'delivery_address', saved.id, { organisationId: saved.organisationId, changes });
      return saved;
    });
  }

  private async require(ctx: RequestContext, id: number, need: SetupNeed): Promise<DeliveryAddressEntity> {
    const address = await this.rows.find(ctx, id);
    if (!address) throw notFound('Delivery address', id);
    await this.access.require(ctx, address.organisationId, need, { what: 'Delivery address', id });
    return address;
  }
}

/** Trimmed, with the country code in capitals; BAD_USER_INPUT naming the field for a blank or malformed value. */
function checked(a: AddressFields): AddressFields {
  const text = (v: string | null) => (v === null ? null : v.trim());
  const fields: AddressFields = {
    label: text(a.label)!,
    streetName: text(a.streetName)!,
    additionalStreetName: text(a.additionalStreetName) || null,
    addressLine: text(a.addressLine) || null,
    postalCode: text(a.postalCode)!,
    city: text(a.city)!,
    countryCode: text(a.countryCode)!.toUpperCase(),
    gln: text(a.gln) || null,
  };
  for (const f of ['label', 'streetName', 'postalCode', 'city'] as const) if (!fields[f]) throw badInput(`${f} must not be blank`, { field: f });
  const problems: [keyof AddressFields, string | null][] = [
    ['countryCode', countryCodeProblem(fields.countryCode)],
    ['postalCode', postalCodeProblem(fields.postalCode, fields.countryCode)],
    ['gln', fields.gln ? glnProblem(fields.gln) : null],
  ];
  for (const [field, problem] of problems) if (problem) throw badInput(`${field} "${fields[field]}" ${problem}`, { field });
  return fields;
}
