import * as React from 'react'
import { toast } from 'sonner'
import { Save } from 'lucide-react'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Field } from '@/components/field'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { PasswordInput } from '@/components/password-input'
import { ApiError, errorMessage } from '@/lib/api'
import type { StorageTargetDraft, StorageTargetKind, StorageTargetView } from '@/lib/api-types'
import { useSaveTarget } from './api'

type Values = Required<Omit<StorageTargetDraft, 'pathStyle'>> & { pathStyle: boolean }

/** Creates a managed storage target or edits one; credentials left blank on edit keep their stored value. */
export function TargetDialog({ target, onClose }: { target?: StorageTargetView; onClose: () => void }) {
  const save = useSaveTarget()
  const [v, setV] = React.useState<Values>({
    name: target?.name ?? '',
    kind: target?.kind ?? 'LOCAL',
    path: target?.path ?? '',
    endpoint: target?.endpoint ?? '',
    region: target?.region ?? '',
    bucket: target?.bucket ?? '',
    prefix: target?.prefix ?? '',
    pathStyle: target?.pathStyle ?? true,
    accessKey: '',
    secretKey: '',
  })
  const [errors, setErrors] = React.useState<Record<string, string>>({})
  const set = (k: keyof Values) => (e: React.ChangeEvent<HTMLInputElement>) => setV((old) => ({ ...old, [k]: e.target.value }))

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault()
    setErrors({})
    const local = v.kind === 'LOCAL'
    const body: StorageTargetDraft = {
      name: v.name.trim(),
      kind: v.kind,
      path: local ? v.path.trim() : undefined,
      endpoint: local ? undefined : v.endpoint.trim() || undefined,
      region: local ? undefined : v.region.trim() || undefined,
      bucket: local ? undefined : v.bucket.trim(),
      prefix: local ? undefined : v.prefix.trim() || undefined,
      pathStyle: local ? undefined : v.pathStyle,
      // blank on edit: keep what is stored
      accessKey: local || (target && !v.accessKey) ? undefined : v.accessKey,
      secretKey: local || (target && !v.secretKey) ? undefined : v.secretKey,
    }
    save.mutate(
      { id: target?.id, body },
      {
        onSuccess: (saved) => {
          toast.success(target ? `Saved ${saved.name}` : `Added ${saved.name}`)
          onClose()
        },
        onError: (err) => {
          if (err instanceof ApiError) {
            setErrors({ ...err.fieldErrors, ...(err.status === 409 ? { name: err.detail || 'This name is taken' } : {}) })
          }
          toast.error('Could not save the storage target', { description: errorMessage(err) })
        },
      },
    )
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-xl">
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{target ? `Edit ${target.name}` : 'New storage target'}</DialogTitle>
            <DialogDescription>A local directory under an allowed root, or an S3-compatible bucket.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="target-name" label="Name" error={errors.name}>
              <Input autoComplete="off" value={v.name} onChange={set('name')} />
            </Field>
            <div className="grid gap-1.5">
              <Label htmlFor="target-kind">Kind</Label>
              <Select value={v.kind} onValueChange={(k) => setV((old) => ({ ...old, kind: k as StorageTargetKind }))} disabled={target != null}>
                <SelectTrigger id="target-kind">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="LOCAL">Local directory</SelectItem>
                  <SelectItem value="S3">S3-compatible bucket</SelectItem>
                </SelectContent>
              </Select>
            </div>
          </div>
          {v.kind === 'LOCAL' ? (
            <Field id="target-path" label="Directory" error={errors.path} hint="An absolute path inside one of the allowed roots (steward.backup.target-roots).">
              <Input autoComplete="off" spellCheck={false} value={v.path} onChange={set('path')} placeholder="/var/lib/steward/targets/nightly" />
            </Field>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="target-endpoint" label="Endpoint" error={errors.endpoint} hint="Empty for AWS; e.g. https://minio.example:9000." className="sm:col-span-2">
                <Input type="url" autoComplete="off" spellCheck={false} value={v.endpoint} onChange={set('endpoint')} />
              </Field>
              <Field id="target-bucket" label="Bucket" error={errors.bucket}>
                <Input autoComplete="off" spellCheck={false} value={v.bucket} onChange={set('bucket')} />
              </Field>
              <Field id="target-region" label="Region" error={errors.region} hint="Default us-east-1.">
                <Input autoComplete="off" spellCheck={false} value={v.region} onChange={set('region')} />
              </Field>
              <Field id="target-prefix" label="Prefix" error={errors.prefix} hint="Optional folder inside the bucket.">
                <Input autoComplete="off" spellCheck={false} value={v.prefix} onChange={set('prefix')} />
              </Field>
              <label className="flex items-center gap-2 self-end pb-2 text-sm">
                <Switch checked={v.pathStyle} onCheckedChange={(on) => setV((old) => ({ ...old, pathStyle: on }))} aria-label="Path-style addressing" />
                Path-style addressing
              </label>
              <Field id="target-access-key" label="Access key" error={errors.accessKey}
                hint={target?.hasCredentials ? 'Leave blank to keep the stored value.' : 'Stored encrypted; never shown again.'}>
                <PasswordInput autoComplete="off" value={v.accessKey} onChange={set('accessKey')} />
              </Field>
              <Field id="target-secret-key" label="Secret key" error={errors.secretKey}
                hint={target?.hasCredentials ? 'Leave blank to keep the stored value.' : undefined}>
                <PasswordInput autoComplete="new-password" value={v.secretKey} onChange={set('secretKey')} />
              </Field>
            </div>
          )}
          <FormDialogFooter label={target ? 'Save' : 'Add target'} icon={Save} pending={save.isPending} onCancel={onClose} />
        </form>
      </DialogContent>
    </Dialog>
  )
}
