import type { Engine, EngineInfo, FailureCategory, SslMode } from '@/lib/api-types'
import { cn } from '@/lib/utils'

interface EngineMeta {
  label: string
  short: string
  defaultPort: number | null
  defaultColour: string
}

/** Local defaults; GET /api/connections/engines overrides port and colour when it answers. */
export const engineMeta: Record<Engine, EngineMeta> = {
  POSTGRESQL: { label: 'PostgreSQL', short: 'PG', defaultPort: 5432, defaultColour: '#336791' },
  MYSQL: { label: 'MySQL / MariaDB', short: 'My', defaultPort: 3306, defaultColour: '#c0762a' },
  SQLITE: { label: 'SQLite', short: 'SQ', defaultPort: null, defaultColour: '#0f80cc' },
  MONGODB: { label: 'MongoDB', short: 'Mg', defaultPort: 27017, defaultColour: '#13aa52' },
}

export const engines = Object.keys(engineMeta) as Engine[]

export function engineDefaults(engine: Engine, server?: EngineInfo[]) {
  const info = server?.find((e) => e.engine === engine)
  return {
    label: info?.displayName ?? engineMeta[engine].label,
    defaultPort: info ? info.defaultPort : engineMeta[engine].defaultPort,
    defaultColour: info?.defaultColour ?? engineMeta[engine].defaultColour,
  }
}

export const sslModeLabels: Record<SslMode, string> = {
  DISABLE: 'Disable',
  REQUIRE: 'Require',
  VERIFY_CA: 'Verify CA',
  VERIFY_FULL: 'Verify full',
}

export const failureLabels: Record<FailureCategory, string> = {
  HOST_UNREACHABLE: 'Host unreachable',
  TIMEOUT: 'Timed out',
  AUTHENTICATION_FAILED: 'Authentication failed',
  DATABASE_NOT_FOUND: 'Database not found',
  TLS_ERROR: 'TLS error',
  UNSUPPORTED_SERVER: 'Unsupported server',
  INVALID_SETTINGS: 'Invalid settings',
  UNKNOWN: 'Connection failed',
}

/** A small monogram tile in the engine's colour (no vendor logos are bundled). */
export function EngineIcon({ engine, className }: { engine: Engine; className?: string }) {
  const meta = engineMeta[engine]
  return (
    <span
      aria-hidden
      style={{ '--engine': meta.defaultColour } as React.CSSProperties}
      className={cn(
        'inline-flex size-9 shrink-0 items-center justify-center rounded-lg border border-[color-mix(in_oklch,var(--engine)_30%,transparent)] bg-[color-mix(in_oklch,var(--engine)_12%,transparent)] font-mono text-[13px] font-bold tracking-tight text-[color-mix(in_oklch,var(--engine)_85%,var(--foreground))] dark:text-[color-mix(in_oklch,var(--engine)_55%,white)]',
        className,
      )}
    >
      {meta.short}
    </span>
  )
}

/** host:port/database, or the file path for SQLite. */
export function connectionTarget(c: {
  engine: Engine
  host?: string | null
  port?: number | null
  database?: string | null
  filePath?: string | null
}) {
  if (c.engine === 'SQLITE') return c.filePath ?? '—'
  const port = c.port ?? engineMeta[c.engine].defaultPort
  const host = c.host ?? 'localhost'
  return `${host}${port ? `:${port}` : ''}${c.database ? `/${c.database}` : ''}`
}

/** Long file paths keep their end (the file name), which is what tells them apart: /…/sqlite/chinook.sqlite */
export function shortenPath(path: string, max = 44) {
  if (path.length <= max) return path
  const parts = path.split('/')
  let tail = parts.pop() ?? ''
  while (parts.length > 1 && tail.length + parts[parts.length - 1].length + 4 <= max) tail = `${parts.pop()}/${tail}`
  return `…/${tail}`
}
