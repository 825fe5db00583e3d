import { Link } from 'react-router'
import { toast } from 'sonner'
import { Clock, DatabaseBackup, FolderTree, Globe, Lock, Pencil, PlugZap, Trash2 } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Switch } from '@/components/ui/switch'
import { Hint } from '@/components/ui/tooltip'
import { Spinner } from '@/components/spinner'
import { errorMessage } from '@/lib/api'
import type { ConnectionView } from '@/lib/api-types'
import { cn } from '@/lib/utils'
import { formatDateTime, formatRelative } from '@/lib/format'
import { useSetActive, useTestSaved } from '../api'
import { connectionTarget, EngineIcon, shortenPath, useEngineInfo } from '../engines'
import { describeSuccess, failureTitle } from './test-result-alert'

export function ConnectionCard({
  connection: c,
  canManage,
  canTest,
  onEdit,
  onDelete,
}: {
  connection: ConnectionView
  /** false for VIEWERs and for connections the user may not edit */
  canManage: boolean
  /** ADMIN and OPERATOR may test any connection they can see */
  canTest: boolean
  onEdit: (c: ConnectionView) => void
  onDelete: (c: ConnectionView) => void
}) {
  const setActive = useSetActive()
  const test = useTestSaved()

  const onToggle = (active: boolean) =>
    setActive.mutate(
      { id: c.id, active },
      {
        onSuccess: () => toast.success(`${c.name} is now ${active ? 'active' : 'inactive'}`),
        onError: (e) => toast.error(`Could not ${active ? 'activate' : 'deactivate'} ${c.name}`, { description: errorMessage(e) }),
      },
    )

  const onTest = () =>
    test.mutate(c, {
      onSuccess: (r) =>
        r.success
          ? toast.success(`${c.name}: connected`, { description: describeSuccess(r) })
          : toast.error(`${c.name}: ${failureTitle(r)}`, { description: r.message ?? undefined }),
      onError: (e) => toast.error(`Could not test ${c.name}`, { description: errorMessage(e) }),
    })

  const engine = useEngineInfo().info(c.engine)
  const target = connectionTarget(c, engine.defaultPort)
  const shown = engine.fileBased ? shortenPath(target) : target

  return (
    <article
      aria-label={c.name}
      data-testid="connection-card"
      data-active={c.active}
      className="group relative flex flex-col overflow-hidden rounded-xl border bg-card shadow-xs transition-shadow hover:shadow-md"
    >
      <div aria-hidden className="h-1 w-full" style={{ backgroundColor: c.colour }} />
      <div className={cn('flex flex-1 flex-col gap-3 p-4', !c.active && 'opacity-65')}>
        <div className="flex items-start gap-3">
          <EngineIcon engine={c.engine} />
          <div className="min-w-0 flex-1">
            <h3 className="flex items-center gap-2 truncate leading-tight font-semibold" title={c.name}>
              <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: c.colour }} aria-hidden />
              <span className="truncate">{c.name}</span>
            </h3>
            <div className="mt-1 flex min-w-0 items-center gap-1.5 text-xs whitespace-nowrap text-muted-foreground">
              <span>{engine.displayName}</span>
              <span aria-hidden>·</span>
              {c.shared ? (
                <span className="inline-flex items-center gap-1">
                  <Globe className="size-3" aria-hidden /> Shared
                </span>
              ) : (
                <span className="inline-flex items-center gap-1">
                  <Lock className="size-3" aria-hidden /> Private
                </span>
              )}
              <span aria-hidden>·</span>
              <span className="truncate" title={`Owner: ${c.owner.username}`}>
                {c.owner.username}
              </span>
            </div>
          </div>
          {canManage ? (
            <Hint label={c.active ? 'Active — click to deactivate' : 'Inactive — click to activate'}>
              <span className="flex">
                <Switch
                  checked={c.active}
                  onCheckedChange={onToggle}
                  aria-label={`Active: ${c.name}`}
                  data-testid="active-switch"
                />
              </span>
            </Hint>
          ) : (
            <Badge variant={c.active ? 'success' : 'muted'}>{c.active ? 'Active' : 'Inactive'}</Badge>
          )}
        </div>

        <div
          className="truncate rounded-md bg-muted/60 px-2.5 py-1.5 font-mono text-xs text-foreground/80"
          title={target}
          data-testid="connection-target"
        >
          {c.username && engine.networked ? <span className="text-muted-foreground">{c.username}@</span> : null}
          {shown}
        </div>

        {c.description && <p className="line-clamp-2 text-sm text-muted-foreground">{c.description}</p>}

        {c.tags.length > 0 && (
          <div className="flex flex-wrap gap-1.5" aria-label="Tags">
            {c.tags.map((tag) => (
              <Badge key={tag} variant="secondary" className="font-normal">
                {tag}
              </Badge>
            ))}
          </div>
        )}
      </div>

      {/* "Used …" is never cut: on a narrow card Browse and Test lose their words (not their names), then wrap */}
      <div className="@container flex flex-wrap items-center gap-x-2 gap-y-1.5 border-t bg-muted/20 px-4 py-2.5">
        <Hint label={c.lastUsedAt ? `Last used ${formatDateTime(c.lastUsedAt)}` : 'Never used'}>
          <span className="flex shrink-0 items-center gap-1.5 text-xs whitespace-nowrap text-muted-foreground">
            <Clock className="size-3.5 shrink-0" aria-hidden />
            <span data-testid="last-used">
              {c.lastUsedAt ? `Used ${formatRelative(c.lastUsedAt)}` : 'Never used'}
            </span>
          </span>
        </Hint>
        <div className="ml-auto flex items-center gap-1">
          {c.active && (
            <Hint label="Browse its databases">
              <Button variant="outline" size="sm" asChild>
                <Link to={`/browser?connection=${c.id}`} aria-label={`Browse ${c.name}`}>
                  <FolderTree />
                  <span className="hidden @[25rem]:inline">Browse</span>
                </Link>
              </Button>
            </Hint>
          )}
          {canTest && (
            <Hint label="Test the connection">
              <Button variant="outline" size="sm" onClick={onTest} disabled={test.isPending} aria-label={`Test ${c.name}`}>
                {test.isPending ? <Spinner /> : <PlugZap />}
                <span className="hidden @[25rem]:inline">Test</span>
              </Button>
            </Hint>
          )}
          {canTest && c.active && (
            <Hint label="Back up">
              <Button variant="ghost" size="icon-sm" asChild>
                <Link to={`/backups?connection=${c.id}&new=1`} aria-label={`Back up ${c.name}`}>
                  <DatabaseBackup />
                </Link>
              </Button>
            </Hint>
          )}
          {canManage && (
            <>
              <Hint label="Edit">
                <Button variant="ghost" size="icon-sm" onClick={() => onEdit(c)} aria-label={`Edit ${c.name}`}>
                  <Pencil />
                </Button>
              </Hint>
              <Hint label="Delete">
                <Button
                  variant="ghost"
                  size="icon-sm"
                  className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                  onClick={() => onDelete(c)}
                  aria-label={`Delete ${c.name}`}
                >
                  <Trash2 />
                </Button>
              </Hint>
            </>
          )}
        </div>
      </div>
    </article>
  )
}

export function ConnectionCardSkeleton() {
  return (
    <div className="flex flex-col gap-3 rounded-xl border bg-card p-4">
      <div className="flex items-center gap-3">
        <div className="size-9 animate-pulse rounded-lg bg-muted" />
        <div className="flex-1 space-y-2">
          <div className="h-4 w-2/3 animate-pulse rounded bg-muted" />
          <div className="h-3 w-1/3 animate-pulse rounded bg-muted" />
        </div>
      </div>
      <div className="h-7 animate-pulse rounded-md bg-muted" />
      <div className="flex gap-2">
        <div className="h-5 w-14 animate-pulse rounded-md bg-muted" />
        <div className="h-5 w-16 animate-pulse rounded-md bg-muted" />
      </div>
    </div>
  )
}
