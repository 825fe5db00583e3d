import * as React from 'react'
import type { Me, Role } from '@/lib/api-types'

const CurrentUserContext = React.createContext<Me | null>(null)

export function CurrentUserProvider({ user, children }: { user: Me; children: React.ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>
}

/** The logged-in user; only inside the authenticated shell. */
export function useCurrentUser() {
  const user = React.useContext(CurrentUserContext)
  if (!user) throw new Error('useCurrentUser outside the authenticated shell')
  return {
    ...user,
    isAdmin: user.role === 'ADMIN',
    canOperate: user.role === 'ADMIN' || user.role === 'OPERATOR',
  }
}

export const roleLabels: Record<Role, string> = { ADMIN: 'Admin', OPERATOR: 'Operator', VIEWER: 'Viewer' }
