import * as React from 'react'
import { toast } from 'sonner'
import { CircleCheck, CircleMinus, CircleX, ShieldAlert, ShieldCheck } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Label } from '@/components/ui/label'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { Spinner } from '@/components/spinner'
import { useRetained } from '@/hooks/use-retained'
import { errorMessage } from '@/lib/api'
import { cn } from '@/lib/utils'
import { formatCount } from '@/lib/format'
import { useCancelJob, useJobProgress } from '@/features/jobs/api'
import { reasonLabels } from '@/features/jobs/format'
import { JobProgressBar } from '@/features/jobs/job-progress'
import { isFinished } from '@/features/jobs/types'
import { useVerifyBackup, useVerifyResult } from './api'
import type { BackupView, VerifyResult } from './types'

export function VerifyDialog({ backup, onOpenChange }: { backup: BackupView | null; onOpenChange: (open: boolean) => void }) {
  // keeps the content on screen while the dialog animates closed
  const b = useRetained(backup)
  return (
    <Dialog open={backup != null} onOpenChange={onOpenChange}>
      <DialogContent className="grid-cols-[minmax(0,1fr)] sm:max-w-xl">{b && <VerifyPanel key={b.id} backup={b} />}</DialogContent>
    </Dialog>
  )
}

function VerifyPanel({ backup }: { backup: BackupView }) {
  const verify = useVerifyBackup()
  const cancel = useCancelJob()
  const [testRestore, setTestRestore] = React.useState(false)
  const job = useJobProgress(verify.data?.id, verify.data)
  const found = useVerifyResult(backup, job)
  const result = found.data
  const running = verify.isPending || (job != null && !isFinished(job))

  // one toast per finished job
  const told = React.useRef<string | null>(null)
  React.useEffect(() => {
    if (!job || !isFinished(job) || told.current === job.id) return
    told.current = job.id
    if (job.status === 'COMPLETED') toast.success('Backup verified', { description: backup.fileName })
    else if (job.status === 'CANCELLED') toast('Verification cancelled')
    else
      toast.error('Verification failed', {
        description: job.failure ? `${reasonLabels[job.failure.reason]}: ${job.failure.message}` : undefined,
      })
  }, [job, backup.fileName])

  const run = () =>
    verify.mutate(
      { backup, testRestore },
      { onError: (e) => toast.error('Could not verify the backup', { description: errorMessage(e) }) },
    )

  return (
    <>
      <DialogHeader>
        <DialogTitle className="flex items-center gap-2">
          <ShieldCheck className="size-5 text-primary" aria-hidden /> Verify backup
        </DialogTitle>
        <DialogDescription className="truncate font-mono text-xs" title={backup.fileName}>
          {backup.fileName}
        </DialogDescription>
      </DialogHeader>

      <p className="text-sm text-muted-foreground">
        Reads the stored file end to end: its SHA-256 checksum, decryption and decompression, and the engine’s own listing
        of what it contains. Nothing is changed.
      </p>
      <div className="flex items-start gap-3 rounded-lg border bg-muted/20 p-3">
        <Checkbox
          id="verify-test-restore"
          checked={testRestore}
          onCheckedChange={(v) => setTestRestore(v === true)}
          disabled={running}
          className="mt-0.5"
        />
        <div className="grid gap-1">
          <Label htmlFor="verify-test-restore">Also do a test restore</Label>
          <p className="text-xs text-muted-foreground">
            Restores into a scratch database on {backup.connectionName}, compares every table’s rows with the manifest, then
            drops it. Takes about as long as a restore.
          </p>
        </div>
      </div>

      {verify.isError && (
        <Alert variant="destructive">
          <ShieldAlert />
          <AlertTitle>Could not verify</AlertTitle>
          <AlertDescription>
            <p>{errorMessage(verify.error)}</p>
          </AlertDescription>
        </Alert>
      )}
      {job && !isFinished(job) && <JobProgressBar job={job} />}
      {job?.status === 'CANCELLED' && (
        <Alert>
          <ShieldAlert />
          <AlertTitle>Verification cancelled</AlertTitle>
          <AlertDescription>
            <p>{job.failure?.message}</p>
          </AlertDescription>
        </Alert>
      )}
      {job?.status === 'FAILED' && !result && !found.isPending && (
        <Alert variant="destructive">
          <ShieldAlert />
          <AlertTitle>{job.failure ? reasonLabels[job.failure.reason] : 'Verification failed'}</AlertTitle>
          <AlertDescription>
            <p>{job.failure?.message}</p>
          </AlertDescription>
        </Alert>
      )}
      {result && <VerifyResultPanel result={result} />}

      <DialogFooter>
        {running && job && (
          <Button variant="outline" onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending} data-testid="cancel-verify">
            Cancel
          </Button>
        )}
        <Button onClick={run} disabled={running} data-testid="run-verify">
          {running ? <Spinner /> : <ShieldCheck />}
          {running ? 'Verifying…' : job ? 'Verify again' : 'Verify'}
        </Button>
      </DialogFooter>
    </>
  )
}

type CheckState = 'ok' | 'failed' | 'skipped'

function Check({ state, label, detail }: { state: CheckState; label: string; detail?: React.ReactNode }) {
  const Icon = state === 'ok' ? CircleCheck : state === 'failed' ? CircleX : CircleMinus
  return (
    <li className="flex items-start gap-2.5 py-1.5" data-check={state}>
      <Icon
        className={cn(
          'mt-0.5 size-4 shrink-0',
          state === 'ok' ? 'text-success' : state === 'failed' ? 'text-destructive' : 'text-muted-foreground',
        )}
        aria-hidden
      />
      <div className="min-w-0">
        <div className="text-sm font-medium">
          {label}
          <span className="sr-only">: {state === 'ok' ? 'passed' : state === 'failed' ? 'failed' : 'not checked'}</span>
        </div>
        {detail && <div className="text-xs text-muted-foreground">{detail}</div>}
      </div>
    </li>
  )
}

export function VerifyResultPanel({ result: r }: { result: VerifyResult }) {
  // the backend stops at the first failure: a checksum mismatch, a failed decryption, or an unreadable archive
  const readOk = r.ok || r.entries > 0
  const checksum: CheckState = r.checksumOk ? 'ok' : 'failed'
  const read: CheckState = readOk ? 'ok' : r.checksumOk ? 'failed' : 'skipped'
  const listing: CheckState = r.entries > 0 ? 'ok' : readOk ? 'failed' : 'skipped'
  const test = r.testRestore
  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="verify-result" data-ok={r.ok}>
      <Alert variant={r.ok ? 'success' : 'destructive'}>
        {r.ok ? <ShieldCheck /> : <ShieldAlert />}
        <AlertTitle>{r.ok ? 'The backup is sound' : 'The backup did not pass'}</AlertTitle>
        {r.message && (
          <AlertDescription>
            <p>{r.message}</p>
          </AlertDescription>
        )}
      </Alert>
      <ul className="divide-y rounded-lg border px-3">
        <Check state={checksum} label="Checksum of the stored file (SHA-256)" />
        <Check state={read} label="Decryption and decompression, end to end" />
        <Check
          state={listing}
          label="The engine’s listing of the archive"
          detail={
            r.entries > 0 ? (
              <>
                {formatCount(r.entries)} {r.entries === 1 ? 'entry' : 'entries'}
                {r.sample.length > 0 && (
                  <span className="mt-1 block truncate font-mono text-[11px]" title={r.sample.join('\n')}>
                    {r.sample.slice(0, 4).join(' · ')}
                    {r.sample.length > 4 && ' …'}
                  </span>
                )}
              </>
            ) : undefined
          }
        />
        <Check
          state={test ? (test.ok ? 'ok' : 'failed') : 'skipped'}
          label="Test restore"
          detail={test ? `Into the scratch database ${test.database} (dropped afterwards)` : 'Not requested'}
        />
      </ul>
      {test && test.tables.length > 0 && (
        <div className="max-h-56 overflow-y-auto rounded-lg border">
          <Table aria-label="Test restore: rows per table">
            <TableHeader className="sticky top-0 bg-card">
              <TableRow className="hover:bg-transparent">
                <TableHead>Table</TableHead>
                <TableHead className="text-right">Expected</TableHead>
                <TableHead className="text-right">Restored</TableHead>
                <TableHead className="w-10">
                  <span className="sr-only">Match</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {test.tables.map((t) => (
                <TableRow key={t.name} data-match={t.match}>
                  <TableCell className="py-1.5 font-mono text-xs">{t.name}</TableCell>
                  <TableCell className="py-1.5 text-right tabular-nums" title={t.exact ? 'Counted' : 'Estimated by the engine'}>
                    {t.exact ? '' : '~'}
                    {formatCount(t.expected)}
                  </TableCell>
                  <TableCell className={cn('py-1.5 text-right tabular-nums', !t.match && 'font-medium text-destructive')}>
                    {t.restored < 0 ? 'missing' : formatCount(t.restored)}
                  </TableCell>
                  <TableCell className="py-1.5">
                    {t.match ? (
                      <CircleCheck className="size-4 text-success" aria-label="Matches" />
                    ) : (
                      <CircleX className="size-4 text-destructive" aria-label="Differs" />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  )
}
