import * as React from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Clock } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { api, lastServerContact } from '@/lib/api'
import { meKey, SESSION_ENDED_KEY } from './api'
import { useCurrentUser } from './current-user'

/** m:ss */
function clock(ms: number) {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * Warns before the session ends: when unused for the idle timeout (each call to the server restarts it), or at its
 * absolute end. Two minutes ahead (a quarter of a shorter idle timeout); at the end the app goes to the login page,
 * which says the session ended.
 */
export function SessionExpiryWarning() {
  const { session } = useCurrentUser()
  const queryClient = useQueryClient()
  const [now, setNow] = React.useState(() => Date.now())
  React.useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [])
  const idleEnds = session ? lastServerContact() + session.idleTimeoutSeconds * 1000 : Infinity
  const absoluteEnds = session ? Date.parse(session.expiresAt) : Infinity
  const remaining = Math.min(idleEnds, absoluteEnds) - now
  const ended = session != null && remaining <= 0
  React.useEffect(() => {
    // the server has ended it: /me answers 401 and the app shows the login page, saying why
    if (!ended) return
    sessionStorage.setItem(SESSION_ENDED_KEY, '1')
    void queryClient.invalidateQueries({ queryKey: meKey }).then(() => {
      if (queryClient.getQueryData(meKey)) sessionStorage.removeItem(SESSION_ENDED_KEY) // it had not ended after all
    })
  }, [ended, queryClient])
  if (!session) return null
  const warnBefore = Math.min(120_000, session.idleTimeoutSeconds * 250)
  if (remaining > warnBefore || ended) return null
  const absolute = absoluteEnds <= idleEnds
  return (
    <Alert variant="warning" data-testid="session-expiry-warning">
      <Clock />
      <AlertTitle>Your session ends in {clock(remaining)}</AlertTitle>
      <AlertDescription className="flex flex-wrap items-center justify-between gap-2">
        {absolute ? (
          <span>Sessions last at most their absolute timeout; save your work and sign in again.</span>
        ) : (
          <>
            <span>It ends when unused for a while.</span>
            <Button size="sm" variant="outline" onClick={() => void api.get('/api/auth/me').then(() => setNow(Date.now()))}>
              Stay signed in
            </Button>
          </>
        )}
      </AlertDescription>
    </Alert>
  )
}
