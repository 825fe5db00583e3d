import { createBrowserRouter, Link } from 'react-router'
import { Compass } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/empty-state'
import { AppShell } from '@/components/layout/app-shell'
import { AdminRoute } from '@/routes/admin-route'
import { RequireAuth } from '@/features/auth/require-auth'
import { LoginPage } from '@/features/auth/login-page'
import { DashboardPage } from '@/features/dashboard/dashboard-page'
import { ConnectionsPage } from '@/features/connections/components/connections-page'
import { CatalogPage } from '@/features/catalog/catalog-page'
import { UsersPage } from '@/features/users/users-page'
import { AuditPage } from '@/features/audit/audit-page'
import { BackupsPage } from '@/features/backups/backups-page'
import { JobsPage } from '@/features/jobs/jobs-page'
import { ProfilePage } from '@/features/profile/profile-page'

/** Thin route table: every page lives in its feature folder. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'connections', element: <ConnectionsPage /> },
          { path: 'browser', element: <CatalogPage /> },
          { path: 'backups', element: <BackupsPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'users', element: <AdminRoute><UsersPage /></AdminRoute> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: '*', element: <NotFound /> },
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
