import { useQuery } from 'urql';
import { SupplierName } from './payables-queries';

/**
 * An order's supplier by name: Order.supplierName holds only a supplier outside Torg (named by the
 * requester); a registered one is its organisation, looked up by id (urql caches it per id).
 */
export function SupplierLabel({ supplierId, supplierName }: { supplierId?: number | null; supplierName?: string | null }) {
  const [org] = useQuery({ query: SupplierName, variables: { id: supplierId ?? 0 }, pause: !!supplierName || !supplierId });
  return <>{supplierName ?? org.data?.organisation.name ?? '–'}</>;
}
