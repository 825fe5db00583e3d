import { ShieldAlert } from 'lucide-react'
import { PageHeader } from '@/components/page-header'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { useCurrentUser } from '@/features/auth/current-user'
import { RoleBadge } from '@/features/auth/role-badge'
import { roleDescriptions } from '@/features/users/schema'
import { initials } from '@/lib/utils'
import { ChangePasswordCard } from './change-password-card'
import { TokensCard } from './tokens-card'
import { TwoFactorCard } from './two-factor-card'

export function ProfilePage() {
  const user = useCurrentUser()
  return (
    <>
      <PageHeader title="Profile" description="Your account, password, two-factor sign-in and API tokens." />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <Card className="h-fit">
          <CardHeader>
            <CardTitle>Account</CardTitle>
            <CardDescription>Signed in as</CardDescription>
          </CardHeader>
          <CardContent className="flex items-center gap-4">
            <span className="flex size-12 items-center justify-center rounded-full bg-primary/12 text-base font-semibold text-primary">
              {initials(user.username)}
            </span>
            <div className="grid min-w-0 gap-1">
              <span className="truncate font-semibold">{user.username}</span>
              <div className="flex items-center gap-2">
                <RoleBadge role={user.role} />
              </div>
              <span className="text-xs text-muted-foreground">{roleDescriptions[user.role]}</span>
            </div>
          </CardContent>
        </Card>
        <ChangePasswordCard />
      </div>
      {user.twoFactorEnrolmentRequired && (
        <Alert variant="warning" data-testid="two-factor-required">
          <ShieldAlert />
          <AlertTitle>Set up two-factor sign-in to continue</AlertTitle>
          <AlertDescription>
            Your role must use two-factor sign-in. Enrol an authenticator app below; the rest of Steward opens once you have.
          </AlertDescription>
        </Alert>
      )}
      <TwoFactorCard />
      {!user.twoFactorEnrolmentRequired && <TokensCard />}
    </>
  )
}
