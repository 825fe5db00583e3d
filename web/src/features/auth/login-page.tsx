import * as React from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { CircleAlert, Clock, KeyRound, LogIn } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Field } from '@/components/field'
import { PasswordInput } from '@/components/password-input'
import { Spinner } from '@/components/spinner'
import { Logo } from '@/components/layout/logo'
import { ApiError } from '@/lib/api'
import { SESSION_ENDED_KEY, useLogin, useMe, useSignInOptions } from './api'

const loginSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64, 'At most 64 characters'),
  password: z.string().min(1, 'Enter your password').max(256, 'At most 256 characters'),
  code: z.string().trim().max(32, 'At most 32 characters').optional(),
})

type LoginValues = z.infer<typeof loginSchema>

/** What the server's ?sso_error= (a problem type) means; anything else gets the general sentence. */
const SSO_ERRORS: Record<string, string> = {
  'sso-no-role': 'Your account at the provider is in no group that gives access to Steward. Ask an administrator.',
  'login-failed': 'Your Steward account is disabled. Ask an administrator.',
  'sso-provider-unavailable': 'The sign-in provider cannot be reached right now. Try again later.',
  'sso-unknown-provider': 'That sign-in provider is not configured.',
}

/** Only same-site paths, so ?next= cannot send anyone elsewhere. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/'
}

export function LoginPage() {
  const me = useMe()
  const login = useLogin()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const options = useSignInOptions()
  const providers = options.data?.providers ?? []
  const passwordLogin = options.data?.passwordLogin ?? true
  const ssoError = params.get('sso_error')
  // shown once: the session timed out (see SessionExpiryWarning)
  const [sessionEnded] = React.useState(() => sessionStorage.getItem(SESSION_ENDED_KEY) !== null)
  React.useEffect(() => sessionStorage.removeItem(SESSION_ENDED_KEY), [])
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: '', password: '', code: '' },
  })
  const { errors } = form.formState
  // the password was right and the account asks for a second factor: keep the password, ask for the code
  const [needsCode, setNeedsCode] = React.useState(false)

  React.useEffect(() => {
    form.setFocus('username')
  }, [form])

  if (me.data) return <Navigate to={next} replace />

  const onSubmit = form.handleSubmit((values) => {
    if (needsCode && !values.code) {
      form.setError('code', { message: 'Enter the code from your authenticator app' })
      return
    }
    login.mutate(
      { username: values.username, password: values.password, code: needsCode ? values.code : undefined },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (e) => {
          if (e instanceof ApiError && e.type?.endsWith('second-factor-required')) {
            setNeedsCode(true)
            setTimeout(() => form.setFocus('code'))
            return
          }
          form.setValue('code', '')
          if (!needsCode) form.setValue('password', '')
        },
      },
    )
  })

  const error = login.error instanceof ApiError && login.error.type?.endsWith('second-factor-required') ? null : login.error
  const throttled = error instanceof ApiError && error.status === 429

  return (
    <div className="relative flex min-h-dvh items-center justify-center overflow-hidden bg-background px-4 py-10">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_60%_50%_at_50%_0%,color-mix(in_oklch,var(--primary)_14%,transparent),transparent)]"
      />
      <div className="relative w-full max-w-sm space-y-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <Logo className="size-11" />
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold tracking-tight">Sign in to Steward</h1>
            <p className="text-sm text-muted-foreground">Your databases, looked after.</p>
          </div>
        </div>
        <div className="rounded-xl border bg-card p-6 shadow-sm">
          {sessionEnded && !ssoError && !error && (
            <Alert variant="warning" className="mb-4" data-testid="session-ended">
              <Clock />
              <AlertTitle>Your session ended</AlertTitle>
              <AlertDescription>It was unused for too long or reached its time limit. Sign in again to go on.</AlertDescription>
            </Alert>
          )}
          {ssoError && !error && (
            <Alert variant="destructive" className="mb-4">
              <CircleAlert />
              <AlertTitle>Single sign-on failed</AlertTitle>
              <AlertDescription>
                <p data-testid="sso-error">{Object.hasOwn(SSO_ERRORS, ssoError) ? SSO_ERRORS[ssoError] : 'The sign-in at the provider did not complete. Try again.'}</p>
              </AlertDescription>
            </Alert>
          )}
          {providers.length > 0 && (
            <div className="mb-4 grid gap-2" aria-label="Single sign-on" role="group">
              {providers.map((p) => (
                <Button key={p.key} asChild variant="outline" className="w-full">
                  <a href={p.loginUrl}>
                    <KeyRound />
                    Sign in with {p.displayName}
                  </a>
                </Button>
              ))}
              <div className="mt-2 flex items-center gap-3 text-xs text-muted-foreground">
                <span className="h-px flex-1 bg-border" />
                {passwordLogin ? 'or with a password' : 'break-glass administrator only'}
                <span className="h-px flex-1 bg-border" />
              </div>
            </div>
          )}
          <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Sign in">
            {error && (
              <Alert variant={throttled ? 'warning' : 'destructive'}>
                {throttled ? <Clock /> : <CircleAlert />}
                <AlertTitle>{throttled ? 'Too many attempts' : 'Sign-in failed'}</AlertTitle>
                <AlertDescription>
                  <p data-testid="login-error">{error instanceof ApiError ? error.detail : 'The server could not be reached'}</p>
                </AlertDescription>
              </Alert>
            )}
            <Field id="username" label="Username" error={errors.username?.message}>
              <Input autoComplete="username" autoCapitalize="none" spellCheck={false} {...form.register('username')} />
            </Field>
            <Field id="password" label="Password" error={errors.password?.message}>
              <PasswordInput autoComplete="current-password" readOnly={needsCode} {...form.register('password')} />
            </Field>
            {needsCode && (
              <Field id="code" label="Authentication code" error={errors.code?.message}>
                <Input
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  placeholder="123456 or a recovery code"
                  spellCheck={false}
                  {...form.register('code')}
                />
              </Field>
            )}
            <Button type="submit" className="mt-1 w-full" disabled={login.isPending}>
              {login.isPending ? <Spinner /> : <LogIn />}
              Sign in
            </Button>
          </form>
        </div>
        <p className="text-center text-xs text-muted-foreground">
          Forgot your password? Ask an administrator to reset it.
        </p>
      </div>
    </div>
  )
}
