import { ShieldAlert } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { useCurrentUser } from '@/features/auth/current-user'

export function AdminRoute({ children }: { children: React.ReactNode }) {
  const user = useCurrentUser()
  if (!user.isAdmin) {
    return <EmptyState icon={ShieldAlert} title="Administrators only" description="Your role does not include this page." />
  }
  return <>{children}</>
}
