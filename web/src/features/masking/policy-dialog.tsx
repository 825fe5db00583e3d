import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { toast } from 'sonner'
import { Save } from 'lucide-react'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Field } from '@/components/field'
import { FormDialogFooter } from '@/components/form-dialog-footer'
import { ApiError, errorMessage } from '@/lib/api'
import type { ConnectionView } from '@/lib/api-types'
import { useCreatePolicy } from './api'
import { emptyPolicy, maskKinds, policySchema, toDraft, type PolicyValues } from './schema'

const ANY = '__any__'

/** Creates a masking policy: an explicit column, or a rule on column names (and types). */
export function PolicyDialog({ connections, onClose }: { connections: ConnectionView[]; onClose: () => void }) {
  const create = useCreatePolicy()
  const form = useForm<PolicyValues>({ resolver: zodResolver(policySchema), defaultValues: emptyPolicy })
  const { errors } = form.formState
  const scope = useWatch({ control: form.control, name: 'scope' })
  const mask = useWatch({ control: form.control, name: 'mask' })

  const onSubmit = form.handleSubmit((values) =>
    create.mutate(toDraft(values), {
      onSuccess: (p) => {
        toast.success(`Created the policy ${p.name}`)
        onClose()
      },
      onError: (e) => {
        if (e instanceof ApiError) {
          for (const [field, reason] of Object.entries(e.fieldErrors)) {
            if (field in values) form.setError(field as keyof PolicyValues, { message: reason })
          }
        }
        toast.error('Could not create the policy', { description: errorMessage(e) })
      },
    }),
  )

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-xl">
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <DialogHeader>
            <DialogTitle>New masking policy</DialogTitle>
            <DialogDescription>
              Users whose role may not view unmasked data see these columns masked in the console, the data grid and
              exports.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="policy-name" label="Name" error={errors.name?.message} className="sm:col-span-2">
              <Input autoComplete="off" {...form.register('name')} />
            </Field>
            <Controller
              control={form.control}
              name="scope"
              render={({ field }) => (
                <div className="grid gap-1.5">
                  <Label htmlFor="policy-scope">Masks</Label>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger id="policy-scope">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value="column">One column</SelectItem>
                      <SelectItem value="rule">Columns by name</SelectItem>
                    </SelectContent>
                  </Select>
                </div>
              )}
            />
            <Controller
              control={form.control}
              name="connectionId"
              render={({ field }) => (
                <div className="grid gap-1.5">
                  <Label htmlFor="policy-connection" className={errors.connectionId ? 'text-destructive' : undefined}>
                    Connection
                  </Label>
                  <Select value={field.value || ANY} onValueChange={(v) => field.onChange(v === ANY ? '' : v)}>
                    <SelectTrigger id="policy-connection" aria-invalid={errors.connectionId ? true : undefined}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {scope === 'rule' && <SelectItem value={ANY}>Every connection</SelectItem>}
                      {scope === 'column' && <SelectItem value={ANY}>Choose…</SelectItem>}
                      {connections.map((c) => (
                        <SelectItem key={c.id} value={c.id}>
                          {c.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  {errors.connectionId && <p className="text-xs text-destructive">{errors.connectionId.message}</p>}
                </div>
              )}
            />
            {scope === 'column' ? (
              <>
                <Field id="policy-database" label="Database" hint="Blank: any" error={errors.database?.message}>
                  <Input autoComplete="off" {...form.register('database')} />
                </Field>
                <Field id="policy-schema" label="Schema" hint="Blank: any" error={errors.schema?.message}>
                  <Input autoComplete="off" {...form.register('schema')} />
                </Field>
                <Field id="policy-table" label="Table" error={errors.table?.message}>
                  <Input autoComplete="off" {...form.register('table')} />
                </Field>
                <Field id="policy-column" label="Column" error={errors.column?.message}>
                  <Input autoComplete="off" {...form.register('column')} />
                </Field>
              </>
            ) : (
              <>
                <Field id="policy-pattern" label="Column name pattern" hint="A regular expression, e.g. email|e_mail" error={errors.namePattern?.message}>
                  <Input autoComplete="off" className="font-mono" {...form.register('namePattern')} />
                </Field>
                <Field id="policy-type" label="Type contains" hint="Optional, e.g. char" error={errors.typePattern?.message}>
                  <Input autoComplete="off" {...form.register('typePattern')} />
                </Field>
              </>
            )}
            <Controller
              control={form.control}
              name="mask"
              render={({ field }) => (
                <div className="grid gap-1.5 sm:col-span-2">
                  <Label htmlFor="policy-mask">Mask</Label>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger id="policy-mask">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {maskKinds.map((m) => (
                        <SelectItem key={m.kind} value={m.kind}>
                          {m.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              )}
            />
            {mask === 'PARTIAL' && (
              <>
                <Field id="policy-first" label="Keep first" error={errors.keepFirst?.message}>
                  <Input type="number" min={0} max={20} {...form.register('keepFirst', { valueAsNumber: true })} />
                </Field>
                <Field id="policy-last" label="Keep last" error={errors.keepLast?.message}>
                  <Input type="number" min={0} max={20} {...form.register('keepLast', { valueAsNumber: true })} />
                </Field>
              </>
            )}
          </div>
          <FormDialogFooter onCancel={onClose} pending={create.isPending} label="Create policy" icon={Save} />
        </form>
      </DialogContent>
    </Dialog>
  )
}
