import { Controller, useWatch, type useForm } from 'react-hook-form'
import { KeyRound } from 'lucide-react'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Textarea } from '@/components/ui/textarea'
import { Field } from '@/components/field'
import { PasswordInput } from '@/components/password-input'
import type { SshAuthentication, SshView } from '@/lib/api-types'
import type { ConnectionFormValues } from '../schema'

type Props = {
  form: ReturnType<typeof useForm<ConnectionFormValues>>
  /** The stored tunnel when editing: which secrets exist, and the pinned host key. */
  stored: SshView | null
}

const authLabels: Record<SshAuthentication, string> = { PASSWORD: 'Password', PRIVATE_KEY: 'Private key' }

/** "SSH tunnel": reach the database through an SSH server, as pgAdmin and DBeaver offer. */
export function SshTunnelSection({ form, stored }: Props) {
  const { register, control, formState, setValue } = form
  const { errors } = formState
  const [enabled, authentication, clearHostKey] = useWatch({
    control,
    name: ['sshEnabled', 'sshAuthentication', 'sshClearHostKey'],
  })
  const sameMethod = stored != null && stored.authentication === authentication
  return (
    <div className="grid gap-4 rounded-lg border p-4" data-testid="ssh-tunnel">
      <Controller
        control={control}
        name="sshEnabled"
        render={({ field }) => (
          <div className="flex items-start justify-between gap-3">
            <div className="grid gap-1">
              <Label htmlFor="conn-ssh" className="flex items-center gap-1.5">
                <KeyRound className="size-3.5" /> SSH tunnel
              </Label>
              <p className="text-xs text-muted-foreground">
                Reach the database through an SSH server; host and port above are then as that server sees them.
              </p>
              {errors.sshEnabled?.message && <p className="text-xs text-destructive">{errors.sshEnabled.message}</p>}
            </div>
            <Switch id="conn-ssh" checked={field.value} onCheckedChange={field.onChange} />
          </div>
        )}
      />
      {enabled && (
        <>
          <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
            <Field id="conn-ssh-host" label="SSH host" error={errors.sshHost?.message}>
              <Input className="font-mono text-[13px]" placeholder="bastion.example.com" autoComplete="off" spellCheck={false} {...register('sshHost')} />
            </Field>
            <Field id="conn-ssh-port" label="SSH port" error={errors.sshPort?.message}>
              <Input className="font-mono text-[13px]" inputMode="numeric" placeholder="22" {...register('sshPort')} />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="conn-ssh-username" label="SSH user" error={errors.sshUsername?.message}>
              <Input className="font-mono text-[13px]" autoComplete="off" spellCheck={false} {...register('sshUsername')} />
            </Field>
            <div className="grid gap-1.5">
              <Label htmlFor="conn-ssh-auth">Authentication</Label>
              <Controller
                control={control}
                name="sshAuthentication"
                render={({ field }) => (
                  <Select value={field.value} onValueChange={(v) => field.onChange(v as SshAuthentication)}>
                    <SelectTrigger id="conn-ssh-auth">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {(Object.keys(authLabels) as SshAuthentication[]).map((a) => (
                        <SelectItem key={a} value={a}>
                          {authLabels[a]}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            </div>
          </div>
          {authentication === 'PASSWORD' ? (
            <Field id="conn-ssh-password" label="SSH password" error={errors.sshPassword?.message}>
              <PasswordInput
                autoComplete="new-password"
                placeholder={sameMethod && stored.hasPassword ? 'unchanged' : ''}
                {...register('sshPassword')}
              />
            </Field>
          ) : (
            <>
              <Field
                id="conn-ssh-key"
                label="Private key"
                error={errors.sshPrivateKey?.message}
                hint={
                  sameMethod && stored.hasPrivateKey
                    ? 'A key is stored. Paste a new one to replace it, or leave empty to keep it.'
                    : 'OpenSSH or PEM (ed25519, ECDSA or RSA). Stored encrypted, never shown again.'
                }
              >
                <Textarea
                  rows={4}
                  spellCheck={false}
                  autoComplete="off"
                  className="font-mono text-xs"
                  placeholder={'-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----'}
                  {...register('sshPrivateKey')}
                />
              </Field>
              <Field id="conn-ssh-passphrase" label="Key passphrase" error={errors.sshPassphrase?.message} hint="Only if the key has one.">
                <PasswordInput
                  autoComplete="new-password"
                  placeholder={sameMethod && stored.hasPassphrase ? 'unchanged' : ''}
                  {...register('sshPassphrase')}
                />
              </Field>
            </>
          )}
          {stored && (
            <div className="grid gap-2 rounded-md bg-muted/40 px-3 py-2.5 text-xs" data-testid="ssh-host-key">
              <div>
                <span className="text-muted-foreground">Host key: </span>
                {stored.hostKeyFingerprint ? (
                  <span className="font-mono break-all">{stored.hostKeyFingerprint}</span>
                ) : (
                  <span className="text-muted-foreground">pinned on the first successful connect</span>
                )}
              </div>
              {stored.hostKeyFingerprint && (
                <div className="flex items-center gap-2">
                  <Checkbox
                    id="conn-ssh-clear-host-key"
                    checked={clearHostKey}
                    onCheckedChange={(v) => setValue('sshClearHostKey', v === true, { shouldDirty: true })}
                  />
                  <Label htmlFor="conn-ssh-clear-host-key" className="font-normal text-muted-foreground">
                    Forget it and trust the server's current key on the next connect (after the server was re-keyed)
                  </Label>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </div>
  )
}
