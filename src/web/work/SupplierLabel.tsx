import { useQuery } from 'urql';
import { SupplierName } from './payables-queries';

/**
 * An order's supplier by name: Order.supplierName names registered suppliers too now; the lookup
 * by id (urql caches it per id) is left for callers that did not ask for the name.
 */
export function SupplierLabel({ supplierId, supplierName }: { supplierId?: number | null; supplierName?: string | null }) {
  const [org] = useQuery({ query: SupplierName, variables: { id: supplierId ?? 0 }, pause: !!supplierName || !supplierId });
  return <>{supplierName ?? org.data?.organisation.name ?? '–'}</>;
}
