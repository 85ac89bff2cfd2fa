import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Where suppliers deliver to a buyer organisation; the fields follow UBL's cac:Address (see peppol/ubl-order.ts). */
@Entity('delivery_address')
export class DeliveryAddressEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'organisation_id' }) organisationId: number;
  @Column() label: string;
  @Column({ name: 'street_name' }) streetName: string;
  @Column({ name: 'additional_street_name', type: 'text', nullable: true }) additionalStreetName: string | null;
  @Column({ name: 'address_line', type: 'text', nullable: true }) addressLine: string | null;
  @Column({ name: 'postal_code' }) postalCode: string;
  @Column() city: string;
  @Column({ name: 'country_code', type: 'char', length: 2 }) countryCode: string;
  /** GS1 Global Location Number (PEPPOL scheme 0088) of the delivery location. */
  @Column({ type: 'char', length: 13, nullable: true }) gln: string | null;
  @Column() active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
