/**
 * The client routes. Their first path segments must not be the server's (orders, invoices,
 * agreements, insights, documents, graphql …): Torg serves index.html only for paths the server
 * does not claim (src/platform/web/spa-routing.ts), and the browser test reloads each of these.
 * Later screens go here with the roles that may open them (and in layout/navigation.ts).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Paragraph } from '@digdir/designsystemet-react';
import { useSession } from '../auth/useSession';
import { Layout } from '../layout/Layout';
import { startPathFor } from '../layout/navigation';
import { HomePage } from '../pages/HomePage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { SearchPage } from '../pages/SearchPage';
import { SignInPage } from '../pages/SignInPage';

// The first screens (sign-in, search) come with the app; the others load when opened.
const ItemPage = lazy(() => import('../pages/ItemPage').then((m) => ({ default: m.ItemPage })));
const CartPage = lazy(() => import('../pages/CartPage').then((m) => ({ default: m.CartPage })));
const CheckoutPage = lazy(() => import('../pages/CheckoutPage').then((m) => ({ default: m.CheckoutPage })));
const RequisitionsPage = lazy(() => import('../pages/RequisitionsPage').then((m) => ({ default: m.RequisitionsPage })));
// Supplier portal (issue 18).
const SupplierOrdersPage = lazy(() => import('../pages/SupplierOrdersPage').then((m) => ({ default: m.SupplierOrdersPage })));
const SupplierOrderPage = lazy(() => import('../pages/SupplierOrderPage').then((m) => ({ default: m.SupplierOrderPage })));
const SupplierCataloguePage = lazy(() => import('../pages/SupplierCataloguePage').then((m) => ({ default: m.SupplierCataloguePage })));
// Orders, approvals and accounts payable (issue 18, branch web-work).
const MyOrdersPage = lazy(() => import('../pages/MyOrdersPage').then((m) => ({ default: m.MyOrdersPage })));
const OrderPage = lazy(() => import('../pages/OrderPage').then((m) => ({ default: m.OrderPage })));
const ApprovalsPage = lazy(() => import('../pages/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })));
const DelegationsPage = lazy(() => import('../pages/DelegationsPage').then((m) => ({ default: m.DelegationsPage })));
const PayablesPage = lazy(() => import('../pages/PayablesPage').then((m) => ({ default: m.PayablesPage })));
const PostingExportsPage = lazy(() => import('../pages/PostingExportsPage').then((m) => ({ default: m.PostingExportsPage })));
// The purchasing unit's agreements, catalogue review and dashboards (issue 18, branch web-purchasing).
const AgreementsPage = lazy(() => import('../pages/AgreementsPage').then((m) => ({ default: m.AgreementsPage })));
const AgreementPage = lazy(() => import('../pages/AgreementPage').then((m) => ({ default: m.AgreementPage })));
const CatalogueReviewPage = lazy(() => import('../pages/CatalogueReviewPage').then((m) => ({ default: m.CatalogueReviewPage })));
const DashboardsPage = lazy(() => import('../pages/DashboardsPage').then((m) => ({ default: m.DashboardsPage })));
// Supplier portal: catalogue versions and invoices (issue 18, branch web-supplier2).
const SupplierCatalogueVersionPage = lazy(() => import('../pages/SupplierCatalogueVersionPage').then((m) => ({ default: m.SupplierCatalogueVersionPage })));
const SupplierInvoicesPage = lazy(() => import('../pages/SupplierInvoicesPage').then((m) => ({ default: m.SupplierInvoicesPage })));
const SupplierInvoicePage = lazy(() => import('../pages/SupplierInvoicePage').then((m) => ({ default: m.SupplierInvoicePage })));
// Favourites and templates (issue 18, branch web-requester2).
const FavouritesPage = lazy(() => import('../pages/FavouritesPage').then((m) => ({ default: m.FavouritesPage })));
const TemplatesPage = lazy(() => import('../pages/TemplatesPage').then((m) => ({ default: m.TemplatesPage })));
const AuthCallbackPage = lazy(() => import('../pages/AuthCallbackPage').then((m) => ({ default: m.AuthCallbackPage })));

/** The orders, approvals and accounts payable screens' paths (issue 18, branch web-work). */
export const WORK_PATHS = ['/my-orders', '/my-orders/:id', '/approvals', '/approvals/delegations', '/payables', '/payables/exports'] as const;

/** The purchasing unit's screens' paths (issue 18, branch web-purchasing). */
export const PURCHASING_PATHS = ['/purchasing/agreements', '/purchasing/agreements/:id', '/purchasing/catalogue-versions/:id', '/purchasing/dashboards'] as const;

/** Paths of the client routes (the browser test opens each directly). */
export const CLIENT_PATHS = [
  '/',
  '/sign-in',
  '/auth/callback',
  '/home',
  '/search',
  '/items/:supplierId/:sellerItemId',
  '/cart',
  '/checkout',
  '/requisitions',
  '/supplier/orders',
  '/supplier/orders/:id',
  '/supplier/catalogue',
  '/supplier/catalogue/versions/:id',
  '/supplier/invoices',
  '/supplier/invoices/:id',
  ...WORK_PATHS,
  ...PURCHASING_PATHS,
  '/favourites',
  '/templates',
] as const;

function Loading() {
  const { t } = useTranslation();
  return <Paragraph>{t('app.loading')}</Paragraph>;
}

/** A screen for signed-in users holding one of `roles` (any signed-in user when none are given). */
function Guard({ roles, children }: { roles?: string[]; children: ReactNode }) {
  const current = useSession();
  const location = useLocation();
  if (!current) return <Navigate to="/sign-in" replace state={{ returnTo: location.pathname + location.search }} />;
  if (roles && !roles.some((r) => current.user.roles.includes(r))) return <Navigate to={startPathFor(current.user.roles)} replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Start() {
  const current = useSession();
  return <Navigate to={current ? startPathFor(current.user.roles) : '/sign-in'} replace />;
}

const REQUESTER = ['REQUESTER'];
const SUPPLIER = ['SUPPLIER_ADMIN'];
const APPROVER = ['APPROVER'];
const ACCOUNTS_PAYABLE = ['ACCOUNTS_PAYABLE'];
const PURCHASER = ['PURCHASER'];

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Start />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route
          path="auth/callback"
          element={
            <Suspense fallback={<Loading />}>
              <AuthCallbackPage />
            </Suspense>
          }
        />
        <Route path="home" element={<Guard>{<HomePage />}</Guard>} />
        <Route path="search" element={<Guard roles={REQUESTER}>{<SearchPage />}</Guard>} />
        <Route path="items/:supplierId/:sellerItemId" element={<Guard roles={REQUESTER}>{<ItemPage />}</Guard>} />
        <Route path="cart" element={<Guard roles={REQUESTER}>{<CartPage />}</Guard>} />
        <Route path="checkout" element={<Guard roles={REQUESTER}>{<CheckoutPage />}</Guard>} />
        <Route path="requisitions" element={<Guard roles={REQUESTER}>{<RequisitionsPage />}</Guard>} />
        <Route path="supplier/orders" element={<Guard roles={SUPPLIER}>{<SupplierOrdersPage />}</Guard>} />
        <Route path="supplier/orders/:id" element={<Guard roles={SUPPLIER}>{<SupplierOrderPage />}</Guard>} />
        <Route path="supplier/catalogue" element={<Guard roles={SUPPLIER}>{<SupplierCataloguePage />}</Guard>} />
        <Route path="supplier/catalogue/versions/:id" element={<Guard roles={SUPPLIER}>{<SupplierCatalogueVersionPage />}</Guard>} />
        <Route path="supplier/invoices" element={<Guard roles={SUPPLIER}>{<SupplierInvoicesPage />}</Guard>} />
        <Route path="supplier/invoices/:id" element={<Guard roles={SUPPLIER}>{<SupplierInvoicePage />}</Guard>} />
        <Route path="my-orders" element={<Guard roles={REQUESTER}>{<MyOrdersPage />}</Guard>} />
        <Route path="my-orders/:id" element={<Guard roles={REQUESTER}>{<OrderPage />}</Guard>} />
        <Route path="approvals" element={<Guard roles={APPROVER}>{<ApprovalsPage />}</Guard>} />
        <Route path="approvals/delegations" element={<Guard roles={APPROVER}>{<DelegationsPage />}</Guard>} />
        <Route path="payables" element={<Guard roles={ACCOUNTS_PAYABLE}>{<PayablesPage />}</Guard>} />
        <Route path="payables/exports" element={<Guard roles={ACCOUNTS_PAYABLE}>{<PostingExportsPage />}</Guard>} />
        <Route path="purchasing/agreements" element={<Guard roles={PURCHASER}>{<AgreementsPage />}</Guard>} />
        <Route path="purchasing/agreements/:id" element={<Guard roles={PURCHASER}>{<AgreementPage />}</Guard>} />
        <Route path="purchasing/catalogue-versions/:id" element={<Guard roles={PURCHASER}>{<CatalogueReviewPage />}</Guard>} />
        <Route path="purchasing/dashboards" element={<Guard roles={PURCHASER}>{<DashboardsPage />}</Guard>} />
        <Route path="favourites" element={<Guard roles={REQUESTER}>{<FavouritesPage />}</Guard>} />
        <Route path="templates" element={<Guard roles={REQUESTER}>{<TemplatesPage />}</Guard>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
