import * as React from 'react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import { z } from 'zod'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { useJobProgress } from '@/features/jobs/api'
import { JobProgressBar, JobStatusBadge } from '@/features/jobs/job-progress'
import { isFinished, type JobView } from '@/features/jobs/types'
import { errorMessage } from '@/lib/api'
import { parseTables } from './maintenance'
import { MaintenanceSchedules } from './maintenance-schedules'
import { useMaintenanceOperations, useStartMaintenance } from './sessions-api'
import { OPERATION_LABEL, type MaintenanceOperation } from './types'

const schema = z.object({
  operation: z.string().min(1, 'Pick an operation'),
  tables: z.string().max(20_000, 'Too long'),
})
type Values = z.infer<typeof schema>

/** Maintenance operations the engine offers, started as a job whose progress comes over the job's event stream. */
export function MaintenanceCard({ connectionId, canOperate }: { connectionId: string; canOperate: boolean }) {
  const offers = useMaintenanceOperations(connectionId)
  const start = useStartMaintenance(connectionId)
  const [started, setStarted] = React.useState<JobView | null>(null)
  const job = useJobProgress(started?.id, started)
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { operation: '', tables: '' } })
  const operation = useWatch({ control: form.control, name: 'operation' })
  const perTable = offers.data?.find((o) => o.operation === operation)?.perTable ?? true
  if (!offers.data || offers.data.length === 0) return null
  const onSubmit = form.handleSubmit((values) =>
    start.mutate(
      { operation: values.operation as MaintenanceOperation, tables: perTable ? parseTables(values.tables) : [] },
      {
        onSuccess: (j) => setStarted(j),
        onError: (e) => toast.error('Could not start maintenance', { description: errorMessage(e) }),
      },
    ),
  )
  const running = job != null && !isFinished(job)
  return (
    <Card data-testid="maintenance-card">
      <CardHeader>
        <CardTitle className="text-sm">Maintenance</CardTitle>
        <CardDescription className="text-xs">Runs in the background; no tables named means every table of the database.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
          <div className="grid gap-1">
            <Label htmlFor="maintenance-operation">Operation</Label>
            <Controller
              control={form.control}
              name="operation"
              render={({ field }) => (
                <Select value={field.value} onValueChange={field.onChange} disabled={!canOperate}>
                  <SelectTrigger id="maintenance-operation" className="w-48" aria-label="Operation">
                    <SelectValue placeholder="Pick one" />
                  </SelectTrigger>
                  <SelectContent>
                    {offers.data.map((o) => (
                      <SelectItem key={o.operation} value={o.operation}>
                        {OPERATION_LABEL[o.operation]}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
            {form.formState.errors.operation && <p className="text-xs text-destructive">{form.formState.errors.operation.message}</p>}
          </div>
          <div className="grid min-w-64 flex-1 gap-1">
            <Label htmlFor="maintenance-tables">Tables (comma-separated, schema.table)</Label>
            <Input
              id="maintenance-tables"
              placeholder={perTable ? 'all tables' : 'always the whole database'}
              disabled={!canOperate || !perTable}
              {...form.register('tables')}
            />
          </div>
          <Button type="submit" disabled={!canOperate || start.isPending || running}>
            Start
          </Button>
        </form>
        {job && (
          <div className="grid gap-2" data-testid="maintenance-job">
            <div className="flex items-center gap-2">
              <JobStatusBadge job={job} />
              {job.summary && <span className="text-sm">{job.summary}</span>}
            </div>
            <JobProgressBar job={job} />
            {job.failure && <p className="text-sm text-destructive">{job.failure.message}</p>}
          </div>
        )}
        <MaintenanceSchedules connectionId={connectionId} canOperate={canOperate} offers={offers.data} />
      </CardContent>
    </Card>
  )
}
