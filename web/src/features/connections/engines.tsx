import type { Engine, EngineInfo, FailureCategory, SslMode } from '@/lib/api-types'
import * as React from 'react'
import { cn } from '@/lib/utils'
import { useEngines } from './api'

/**
 * What the web app adds to an engine: its monogram (no vendor logos are bundled) and the few words its form uses
 * differently. Everything else — name, port, colour, what it can do — comes from GET /api/connections/engines,
 * so an engine the server adds works here without a change (it gets a monogram from its name).
 */
interface EnginePresentation {
  short: string
  databaseLabel?: string
  tlsLabel?: string
}

const presentation: Record<string, EnginePresentation> = {
  POSTGRESQL: { short: 'PG' },
  MYSQL: { short: 'My' },
  SQLITE: { short: 'SQ' },
  MONGODB: { short: 'Mg', databaseLabel: 'Database (auth source)', tlsLabel: 'TLS' },
}

function presentationOf(engine: Engine): EnginePresentation {
  return presentation[engine] ?? { short: engine.slice(0, 1) + engine.slice(1, 2).toLowerCase() }
}

export function databaseLabel(engine: Engine) {
  return presentationOf(engine).databaseLabel ?? 'Database'
}

export function tlsLabel(engine: Engine) {
  return presentationOf(engine).tlsLabel ?? 'SSL mode'
}

/** Until the server answered: a neutral stand-in, so nothing is switched on that an engine cannot do. */
function unknownEngine(engine: Engine): EngineInfo {
  return {
    engine,
    displayName: engine,
    defaultPort: 0,
    defaultColour: '#888888',
    networked: true,
    fileBased: false,
    poolsPerDatabase: false,
    schemas: false,
    dumpTableFilters: false,
    parallelRestore: false,
    usernameRequired: false,
    ddlLanguage: 'SQL',
    consoleDialect: '',
    dumpConsistency: 'SNAPSHOT',
    urlForms: [],
  }
}

/** The engines the server knows, in its order, and a lookup that always answers. */
export function useEngineInfo() {
  const query = useEngines()
  const list = React.useMemo(() => query.data ?? [], [query.data])
  const info = React.useCallback(
    (engine: Engine) => list.find((e) => e.engine === engine) ?? unknownEngine(engine),
    [list],
  )
  return { list, engines: list.map((e) => e.engine), info, ready: query.isSuccess, failed: query.isError }
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
  const { info } = useEngineInfo()
  return (
    <span
      aria-hidden
      style={{ '--engine': info(engine).defaultColour } as React.CSSProperties}
      className={cn(
        'inline-flex size-9 shrink-0 items-center justify-center rounded-lg border border-[color-mix(in_oklch,var(--engine)_30%,transparent)] bg-[color-mix(in_oklch,var(--engine)_12%,transparent)] font-mono text-[13px] font-bold tracking-tight text-[color-mix(in_oklch,var(--engine)_85%,var(--foreground))] dark:text-[color-mix(in_oklch,var(--engine)_55%,white)]',
        className,
      )}
    >
      {presentationOf(engine).short}
    </span>
  )
}

/** host:port/database, or the file path for a file-based engine; {@code defaultPort} fills in an unset port. */
export function connectionTarget(
  c: {
    host?: string | null
    port?: number | null
    database?: string | null
    filePath?: string | null
  },
  defaultPort?: number | null,
) {
  if (c.filePath) return c.filePath
  const port = c.port ?? defaultPort
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
