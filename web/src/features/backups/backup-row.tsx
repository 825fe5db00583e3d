import * as React from 'react'
import {
  Ban,
  CalendarClock,
  ChevronDown,
  Download,
  Ellipsis,
  FileArchive,
  Hand,
  HardDriveDownload,
  Lock,
  LockOpen,
  ArchiveRestore,
  ShieldCheck,
  Trash2,
} from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { TableCell, TableRow } from '@/components/ui/table'
import { Hint } from '@/components/ui/tooltip'
import { cn } from '@/lib/utils'
import { formatBytes, formatDateTime, formatRelative } from '@/lib/format'
import { BackupProgressBar } from './backup-progress'
import { compressionLabels, kindLabels, statusLabels, triggerLabels } from './format'
import type { BackupProgress, BackupStatus, BackupView, Compression, DumpKind } from './types'
import { downloadUrl } from './api'

const statusVariant: Record<BackupStatus, 'accent' | 'success' | 'destructive' | 'muted'> = {
  IN_PROGRESS: 'accent',
  COMPLETED: 'success',
  FAILED: 'destructive',
  CANCELLED: 'muted',
}

export type BackupAction = 'verify' | 'restore' | 'cancel' | 'delete'

export function BackupRow({
  backup: b,
  colour,
  progress,
  estimatedRawSize,
  canOperate,
  columns,
  onAction,
}: {
  backup: BackupView
  colour: string
  progress: BackupProgress | undefined
  estimatedRawSize: number | null
  canOperate: boolean
  columns: number
  onAction: (action: BackupAction, backup: BackupView) => void
}) {
  const [expanded, setExpanded] = React.useState(false)
  const running = b.status === 'IN_PROGRESS'
  const completed = b.status === 'COMPLETED'
  const detailsId = `backup-${b.id}-error`
  const kind = b.kind as DumpKind
  return (
    <>
      <TableRow data-testid="backup-row" data-status={b.status} data-file={b.fileName} className={cn(expanded && 'border-b-0')}>
        <TableCell className="max-w-[19rem]">
          <div className="truncate font-mono text-xs font-medium" title={b.fileName}>
            {b.fileName}
          </div>
          <div className="mt-0.5 truncate text-xs text-muted-foreground">
            by {b.startedBy}
            {b.copies.length === 0 && ` · ${b.storageTarget}`}
          </div>
          {b.copies.length > 0 && (
            <ul className="mt-1 flex flex-wrap gap-1" aria-label="Copies" data-testid="backup-copies">
              {b.copies.map((c) => (
                <li key={c.targetId}>
                  <Hint label={c.error ? `${c.targetName}: ${c.error}` : `${c.location ?? c.targetName}${c.checksum ? ` · SHA-256 ${c.checksum.slice(0, 12)}…` : ''}`}>
                    <Badge
                      tabIndex={0}
                      variant={c.status === 'COMPLETED' ? 'success' : c.status === 'FAILED' ? 'destructive' : 'muted'}
                      data-testid="backup-copy"
                      data-target={c.targetName}
                      data-status={c.status}
                    >
                      {c.targetName}
                      {c.status === 'FAILED' ? ' · copy failed' : c.status === 'IN_PROGRESS' ? ' …' : ''}
                    </Badge>
                  </Hint>
                </li>
              ))}
            </ul>
          )}
        </TableCell>
        <TableCell className="max-w-48">
          <span className="flex min-w-0 items-center gap-2">
            <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: colour }} aria-hidden />
            <span className="truncate" title={b.connectionName}>
              {b.connectionName}
            </span>
          </span>
          {b.database && (
            <span className="block truncate text-xs text-muted-foreground" data-testid="backup-database" title={`Database ${b.database}`}>
              {b.database}
            </span>
          )}
        </TableCell>
        <TableCell className="whitespace-nowrap text-muted-foreground">
          <Hint label={formatDateTime(b.createdAt)}>
            <time dateTime={b.createdAt} tabIndex={0} className="rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40">
              {formatRelative(b.createdAt)}
            </time>
          </Hint>
        </TableCell>
        <TableCell className="whitespace-nowrap tabular-nums">
          {b.storedSize != null ? (
            <Hint
              label={
                b.rawSize != null
                  ? `${formatBytes(b.rawSize)} dump → ${formatBytes(b.storedSize)} stored${
                      b.rawSize > 0 ? ` (${Math.round((b.storedSize / b.rawSize) * 100)} %)` : ''
                    }`
                  : `${formatBytes(b.storedSize)} stored`
              }
            >
              <span tabIndex={0} className="rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40">
                {formatBytes(b.storedSize)}
                {b.rawSize != null && <span className="ml-1 text-xs text-muted-foreground">/ {formatBytes(b.rawSize)}</span>}
              </span>
            </Hint>
          ) : (
            <span className="text-muted-foreground">—</span>
          )}
        </TableCell>
        <TableCell>
          <div className="grid justify-items-start gap-1">
            <Badge variant="outline">{kindLabels[kind] ?? b.kind}</Badge>
            <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
              {b.trigger === 'SCHEDULED' ? <CalendarClock className="size-3" aria-hidden /> : <Hand className="size-3" aria-hidden />}
              {triggerLabels[b.trigger]}
            </span>
          </div>
        </TableCell>
        <TableCell className="w-44 min-w-44">
          {running ? (
            <div className="grid gap-1.5">
              <Badge variant={statusVariant[b.status]} data-testid="backup-status">
                <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden />
                {statusLabels[b.status]}
              </Badge>
              <BackupProgressBar progress={progress} estimatedRawSize={estimatedRawSize} />
            </div>
          ) : b.status === 'FAILED' || (b.status === 'CANCELLED' && b.error) ? (
            <button
              type="button"
              onClick={() => setExpanded((e) => !e)}
              aria-expanded={expanded}
              aria-controls={detailsId}
              title={b.error ?? undefined}
              className="group inline-flex items-center gap-1 rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40"
            >
              <Badge variant={statusVariant[b.status]} data-testid="backup-status">
                {statusLabels[b.status]}
                <ChevronDown className={cn('transition-transform', expanded && 'rotate-180')} aria-hidden />
              </Badge>
              <span className="sr-only">{expanded ? 'Hide the reason' : 'Show the reason'}</span>
            </button>
          ) : (
            <Badge variant={statusVariant[b.status]} data-testid="backup-status">
              {statusLabels[b.status]}
            </Badge>
          )}
        </TableCell>
        <TableCell>
          <div className="flex items-center gap-2 text-muted-foreground">
            <Hint label={b.encrypted ? `Encrypted (AES-256-GCM${b.keyId ? `, key ${b.keyId}` : ''})` : 'Not encrypted'}>
              <span tabIndex={0} className="flex rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40">
                {b.encrypted ? (
                  <Lock className="size-4 text-success" aria-label="Encrypted" />
                ) : (
                  <LockOpen className="size-4" aria-label="Not encrypted" />
                )}
              </span>
            </Hint>
            <Hint
              label={
                b.compression === 'NONE'
                  ? 'Not compressed'
                  : `${compressionLabels[b.compression as Compression] ?? b.compression}, level ${b.compressionLevel}`
              }
            >
              <span
                tabIndex={0}
                className={cn(
                  'flex items-center gap-1 rounded-sm font-mono text-[11px] outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40',
                  b.compression === 'NONE' && 'opacity-50',
                )}
              >
                <FileArchive className="size-4" aria-hidden />
                {b.compression === 'NONE' ? '—' : (compressionLabels[b.compression as Compression] ?? b.compression)}
              </span>
            </Hint>
          </div>
        </TableCell>
        {canOperate && (
          <TableCell className="text-right">
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${b.fileName}`} data-testid="backup-actions">
                  <Ellipsis />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end" className="w-52">
                <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">{b.connectionName}</DropdownMenuLabel>
                {completed && (
                  <>
                    <DropdownMenuItem asChild>
                      <a href={downloadUrl(b)} download>
                        <Download /> Download dump
                      </a>
                    </DropdownMenuItem>
                    <DropdownMenuItem asChild>
                      <a href={downloadUrl(b, true)} download>
                        <HardDriveDownload /> Download stored file
                      </a>
                    </DropdownMenuItem>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem onSelect={() => onAction('verify', b)}>
                      <ShieldCheck /> Verify…
                    </DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => onAction('restore', b)}>
                      <ArchiveRestore /> Restore…
                    </DropdownMenuItem>
                  </>
                )}
                {running && (
                  <DropdownMenuItem onSelect={() => onAction('cancel', b)}>
                    <Ban /> Cancel backup
                  </DropdownMenuItem>
                )}
                {!running && (
                  <>
                    {completed && <DropdownMenuSeparator />}
                    <DropdownMenuItem variant="destructive" onSelect={() => onAction('delete', b)}>
                      <Trash2 /> Delete…
                    </DropdownMenuItem>
                  </>
                )}
              </DropdownMenuContent>
            </DropdownMenu>
          </TableCell>
        )}
      </TableRow>
      {expanded && b.error && (
        <TableRow className="hover:bg-transparent" id={detailsId}>
          <TableCell colSpan={columns} className="pt-0 whitespace-normal">
            <div
              className={cn(
                'rounded-md border px-3 py-2 font-mono text-xs break-words',
                b.status === 'FAILED' ? 'border-destructive/25 bg-destructive/6 text-destructive' : 'bg-muted/50 text-muted-foreground',
              )}
              data-testid="backup-error"
            >
              {b.error}
            </div>
          </TableCell>
        </TableRow>
      )}
    </>
  )
}
