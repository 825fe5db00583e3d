import * as React from 'react'
import { QRCodeSVG } from 'qrcode.react'
import { toast } from 'sonner'
import { ShieldCheck, ShieldOff, Smartphone } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Field } from '@/components/field'
import { PasswordInput } from '@/components/password-input'
import { ApiError, errorMessage } from '@/lib/api'
import { useBeginTwoFactor, useConfirmTwoFactor, useDisableTwoFactor, useTwoFactor } from './api'

/** Two-factor sign-in (TOTP): set up with a QR code, recovery codes shown once, turn off with the password. */
export function TwoFactorCard() {
  const status = useTwoFactor()
  const [enrolling, setEnrolling] = React.useState(false)
  const [disabling, setDisabling] = React.useState(false)
  const on = status.data?.enabled ?? false
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Two-factor sign-in
          {status.data && (on ? <Badge variant="success">On</Badge> : <Badge variant="muted">Off</Badge>)}
        </CardTitle>
        <CardDescription>
          {on
            ? `Signing in asks for a code from your authenticator app. ${status.data?.recoveryCodesLeft ?? 0} recovery codes left.`
            : 'Ask for a code from an authenticator app (any TOTP app) after your password. API tokens are not affected.'}
        </CardDescription>
        <CardAction>
          {on ? (
            <Button variant="outline" size="sm" onClick={() => setDisabling(true)}>
              <ShieldOff /> Turn off
            </Button>
          ) : (
            <Button size="sm" onClick={() => setEnrolling(true)} disabled={!status.data}>
              <ShieldCheck /> Set up
            </Button>
          )}
        </CardAction>
      </CardHeader>
      {/* mounted only while open, so each opening starts afresh */}
      {enrolling && <EnrolDialog onClose={() => setEnrolling(false)} />}
      {disabling && <DisableDialog onClose={() => setDisabling(false)} />}
    </Card>
  )
}

function EnrolDialog({ onClose }: { onClose: () => void }) {
  const begin = useBeginTwoFactor()
  const confirm = useConfirmTwoFactor()
  const [code, setCode] = React.useState('')
  const [codes, setCodes] = React.useState<string[] | null>(null)
  const { mutate: start } = begin

  React.useEffect(() => {
    start(undefined, { onError: (e) => toast.error('Could not start the set-up', { description: errorMessage(e) }) })
  }, [start])

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    confirm.mutate(code.trim(), {
      onSuccess: (r) => {
        setCodes(r.recoveryCodes)
        toast.success('Two-factor sign-in is on')
      },
    })
  }
  const codeError =
    confirm.error instanceof ApiError ? (confirm.error.fieldErrors.code ?? confirm.error.detail) : confirm.error ? errorMessage(confirm.error) : undefined

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        {codes ? (
          <>
            <DialogHeader>
              <DialogTitle>Store your recovery codes</DialogTitle>
              <DialogDescription>
                Each code signs you in once if you lose your phone. They are shown only now: keep them somewhere safe.
              </DialogDescription>
            </DialogHeader>
            <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-2 rounded-md border bg-muted/40 p-3 font-mono text-sm">
              {codes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <DialogFooter>
              <Button
                variant="outline"
                onClick={() => {
                  void navigator.clipboard?.writeText(codes.join('\n'))
                  toast.success('Recovery codes copied')
                }}
              >
                Copy
              </Button>
              <Button onClick={onClose}>I have stored them</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={submit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <Smartphone className="size-4" /> Set up two-factor sign-in
              </DialogTitle>
              <DialogDescription>Scan the code with your authenticator app, then enter the six digits it shows.</DialogDescription>
            </DialogHeader>
            <div className="flex flex-col items-center gap-3">
              {begin.data ? (
                <div className="rounded-lg bg-white p-3" data-testid="totp-qr">
                  <QRCodeSVG value={begin.data.otpauthUri} size={176} />
                </div>
              ) : (
                <div className="size-[200px] animate-pulse rounded-lg bg-muted" />
              )}
              {begin.data && (
                <p className="text-center text-xs text-muted-foreground">
                  Or type this key: <code data-testid="totp-secret" className="font-mono text-foreground break-all">{begin.data.secret}</code>
                </p>
              )}
            </div>
            <Field id="totp-code" label="Code from the app" error={codeError}>
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              />
            </Field>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={!begin.data || code.length !== 6 || confirm.isPending}>
                Turn on
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}

function DisableDialog({ onClose }: { onClose: () => void }) {
  const disable = useDisableTwoFactor()
  const [password, setPassword] = React.useState('')
  const error =
    disable.error instanceof ApiError ? (disable.error.fieldErrors.password ?? disable.error.detail) : disable.error ? errorMessage(disable.error) : undefined
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            disable.mutate(password, {
              onSuccess: () => {
                toast.success('Two-factor sign-in is off')
                onClose()
              },
            })
          }}
        >
          <DialogHeader>
            <DialogTitle>Turn off two-factor sign-in?</DialogTitle>
            <DialogDescription>Your password alone will sign you in again. Your recovery codes stop working.</DialogDescription>
          </DialogHeader>
          <Field id="disable-2fa-password" label="Your password" error={error}>
            <PasswordInput autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={onClose}>
              Keep it on
            </Button>
            <Button type="submit" variant="destructive" disabled={!password || disable.isPending}>
              Turn off
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
