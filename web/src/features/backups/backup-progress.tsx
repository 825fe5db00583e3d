import { cn } from '@/lib/utils'
import { formatBytes } from '@/lib/format'
import { phaseLabels } from './format'
import type { BackupProgress } from './types'
import './backups.css'

/**
 * A running backup: phase, bytes read from the dump and bytes stored after compression/encryption. When an earlier
 * backup of the same connection and kind says how big the dump was, the bar estimates the share done; otherwise it
 * only shows that work is happening.
 */
export function BackupProgressBar({
  progress,
  estimatedRawSize,
  className,
}: {
  progress: BackupProgress | undefined
  estimatedRawSize?: number | null
  className?: string
}) {
  const phase = progress?.phase ?? 'queued'
  const read = progress?.bytesRead ?? 0
  const percent =
    estimatedRawSize && estimatedRawSize > 0 && phase === 'dumping'
      ? Math.min(99, Math.max(1, Math.round((read / estimatedRawSize) * 100)))
      : phase === 'storing' || phase === 'done'
        ? 100
        : null
  const label = `${phaseLabels[phase] ?? phase}${percent != null && phase === 'dumping' ? ` · ~${percent}%` : ''}`
  return (
    <div className={cn('grid min-w-40 gap-1', className)} data-testid="backup-progress" data-phase={phase}>
      <div
        role="progressbar"
        aria-label="Backup progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={`${label}, ${formatBytes(read)} read`}
        className="relative h-1.5 overflow-hidden rounded-full bg-primary/15"
      >
        {percent == null ? (
          <div className="backup-progress-indeterminate absolute inset-y-0 left-0 w-2/5 rounded-full bg-primary" />
        ) : (
          <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
        )}
      </div>
      <div className="flex items-center justify-between gap-2 text-[11px] leading-none text-muted-foreground tabular-nums">
        <span className="font-medium text-foreground/80">{label}</span>
        <span title="Read from the dump → stored after compression and encryption">
          {formatBytes(read)} → {formatBytes(progress?.bytesStored ?? 0)}
        </span>
      </div>
    </div>
  )
}
