import { Navigate, Outlet, useLocation } from 'react-router'
import { Spinner } from '@/components/spinner'
import { useMe } from './api'
import { CurrentUserProvider } from './current-user'

/** Renders the child routes for a logged-in user; otherwise sends them to /login?next=… */
export function RequireAuth({ children }: { children?: React.ReactNode }) {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) {
    return (
      <div className="flex h-dvh items-center justify-center text-muted-foreground">
        <Spinner className="size-6" label="Loading" />
      </div>
    )
  }
  if (!me.data) {
    const next = location.pathname + location.search
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />
  }
  if (me.data.twoFactorEnrolmentRequired && location.pathname !== '/profile') {
    // the role must use two-factor sign-in: only the Profile's enrolment card is open until then
    return <Navigate to="/profile" replace />
  }
  return <CurrentUserProvider user={me.data}>{children ?? <Outlet />}</CurrentUserProvider>
}
