import * as React from 'react'
import { createBrowserRouter, Link, Outlet } from 'react-router'
import { Compass } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'
import { AppShell } from '@/components/layout/app-shell'
import { Spinner } from '@/components/spinner'
import { AdminRoute } from '@/routes/admin-route'
import { RequireAuth } from '@/features/auth/require-auth'

/** A page's component, loaded with its feature's chunk the first time a route needs it. */
function lazyPage<K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) {
  return React.lazy(() => load().then((module) => ({ default: module[name] })))
}

const LoginPage = lazyPage(() => import('@/features/auth/login-page'), 'LoginPage')
const DashboardPage = lazyPage(() => import('@/features/dashboard/dashboard-page'), 'DashboardPage')
const ConnectionsPage = lazyPage(() => import('@/features/connections/components/connections-page'), 'ConnectionsPage')
const CatalogPage = lazyPage(() => import('@/features/catalog/catalog-page'), 'CatalogPage')
const BackupsPage = lazyPage(() => import('@/features/backups/backups-page'), 'BackupsPage')
const NotificationsPage = lazyPage(() => import('@/features/notifications/notifications-page'), 'NotificationsPage')
const StorageTargetsPage = lazyPage(() => import('@/features/storage-targets/storage-targets-page'), 'StorageTargetsPage')
const UsersPage = lazyPage(() => import('@/features/users/users-page'), 'UsersPage')
const SecuritySettingsPage = lazyPage(() => import('@/features/security-settings/security-settings-page'), 'SecuritySettingsPage')
const AuditPage = lazyPage(() => import('@/features/audit/audit-page'), 'AuditPage')
const CompliancePage = lazyPage(() => import('@/features/compliance/compliance-page'), 'CompliancePage')
const ProfilePage = lazyPage(() => import('@/features/profile/profile-page'), 'ProfilePage')
const JobsPage = lazyPage(() => import('@/features/jobs/jobs-page'), 'JobsPage')
const SchedulesPage = lazyPage(() => import('@/features/schedules/schedules-page'), 'SchedulesPage')
const QueryPage = lazyPage(() => import('@/features/query/query-page'), 'QueryPage')
const ErDiagramPage = lazyPage(() => import('@/features/er-diagram/er-diagram-page'), 'ErDiagramPage')
const MonitoringPage = lazyPage(() => import('@/features/monitoring/monitoring-page'), 'MonitoringPage')
const MaskingPage = lazyPage(() => import('@/features/masking/masking-page'), 'MaskingPage')
const AlertsPage = lazyPage(() => import('@/features/alerts/alerts-page'), 'AlertsPage')

/** Shown while a page's chunk loads (navigations are transitions, so mostly on the first page of a visit). */
function PageLoading({ className = 'py-24' }: { className?: string }) {
  return (
    <div className={`flex items-center justify-center text-muted-foreground ${className}`}>
      <Spinner className="size-6" label="Loading" />
    </div>
  )
}

/** Thin route table: every page lives in its feature folder and loads lazily. */
export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <React.Suspense fallback={<PageLoading className="h-dvh" />}>
        <LoginPage />
      </React.Suspense>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          {
            element: (
              <React.Suspense fallback={<PageLoading />}>
                <Outlet />
              </React.Suspense>
            ),
            children: [
              { index: true, element: <DashboardPage /> },
              { path: 'connections', element: <ConnectionsPage /> },
              { path: 'browser', element: <CatalogPage /> },
              { path: 'er', element: <ErDiagramPage /> },
              { path: 'query', element: <QueryPage /> },
              { path: 'monitoring', element: <MonitoringPage /> },
              { path: 'alerts', element: <AlertsPage /> },
              { path: 'backups', element: <BackupsPage /> },
              { path: 'jobs', element: <JobsPage /> },
              { path: 'schedules', element: <SchedulesPage /> },
              { path: 'users', element: <AdminRoute><UsersPage /></AdminRoute> },
              { path: 'security', element: <AdminRoute><SecuritySettingsPage /></AdminRoute> },
              { path: 'storage-targets', element: <StorageTargetsPage /> },
              { path: 'notifications', element: <AdminRoute><NotificationsPage /></AdminRoute> },
              { path: 'masking', element: <AdminRoute><MaskingPage /></AdminRoute> },
              { path: 'audit', element: <AuditPage /> },
              { path: 'compliance', element: <AdminRoute><CompliancePage /></AdminRoute> },
              { path: 'profile', element: <ProfilePage /> },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
  },
])

function NotFound() {
  return (
    <EmptyState
      icon={Compass}
      title="Page not found"
      description="There is nothing at this address."
      action={
        <Button asChild>
          <Link to="/">Go to the dashboard</Link>
        </Button>
      }
    />
  )
}
