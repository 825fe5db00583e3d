import { Badge } from '@/components/ui/badge'
import { errorMessage } from '@/lib/api'
import { formatDateTime } from '@/lib/format'
import { useStorageTargets } from '@/features/backups/api'
import { useRetentionPreview } from './api'

/** What the saved retention policy would keep and delete now, and why. */
export function RetentionPreviewList({ scheduleId }: { scheduleId: string }) {
  const preview = useRetentionPreview(scheduleId)
  const targets = useStorageTargets()
  const nameOf = (id: string) => targets.data?.find((t) => t.id === id)?.name ?? id
  if (preview.isError) return <p className="text-xs text-destructive">{errorMessage(preview.error)}</p>
  if (!preview.data) return null
  const decisions = preview.data.targets.flatMap((t) => (t.decisions ?? []).map((d) => ({ ...d, target: nameOf(t.storageTarget ?? '') + (t.database ? ` · ${t.database}` : '') })))
  if (decisions.length === 0) return <p className="text-xs text-muted-foreground">No backups of this schedule yet.</p>
  return (
    <ul className="grid max-h-40 gap-1 overflow-y-auto text-xs" aria-label="Retention preview" data-testid="retention-preview">
      {decisions.map((d) => (
        <li key={`${d.target}/${d.backupId}`} className="flex items-center gap-2">
          <Badge variant={d.keep ? 'success' : 'destructive'}>{d.keep ? 'keep' : 'delete'}</Badge>
          <span className="tabular-nums">{formatDateTime(d.createdAt)}</span>
          <span className="text-muted-foreground">{d.target}</span>
          <span className="truncate text-muted-foreground">{(d.reasons ?? []).join(', ')}</span>
        </li>
      ))}
    </ul>
  )
}
