import { outboundFileName } from './outbound-file-name';

describe('outboundFileName', () => {
  it('names the type, the document id and the outbound id', () => {
    expect(outboundFileName('Order', 'PO-2026-0042', '17')).toBe('Order_PO-2026-0042_17.xml');
  });

  it('keeps a path out of the name: separators and leading dots go', () => {
    expect(outboundFileName('Order', '../../etc/passwd', '1')).toBe('Order_etc_passwd_1.xml');
    expect(outboundFileName('Order', '..', '2')).toBe('Order_x_2.xml');
    expect(outboundFileName('Order', 'a\\b:c*d?e"f<g>h|i', '3')).toBe('Order_a_b_c_d_e_f_g_h_i_3.xml');
    expect(outboundFileName('Order', '.hidden', '4')).toBe('Order_hidden_4.xml');
  });

  it('folds spaces, control characters and non-ASCII letters', () => {
    expect(outboundFileName('OrderResponse', 'Bestilling nr. 7\n\u0000', '5')).toBe('OrderResponse_Bestilling_nr._7_5.xml');
    expect(outboundFileName('Order', 'Kjøp-Åse-é', '6')).toBe('Order_Kj_p-Ase-e_6.xml');
    expect(outboundFileName('Order', '', '7')).toBe('Order_x_7.xml');
  });

  it('bounds the length whatever the id', () => {
    const name = outboundFileName('Order', 'x'.repeat(10_000), '8');
    expect(name).toBe(`Order_${'x'.repeat(100)}_8.xml`);
  });
});
