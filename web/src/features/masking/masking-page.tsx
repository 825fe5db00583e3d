import * as React from 'react'
import { toast } from 'sonner'
import { EyeOff, Plus, ScanSearch, ShieldCheck, Trash2 } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import { Hint } from '@/components/ui/tooltip'
import { DataTable, type DataTableColumn } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PageHeader } from '@/components/page-header'
import { Spinner } from '@/components/spinner'
import { errorMessage } from '@/lib/api'
import type { MaskingPolicy, PiiReport, PiiSuggestion, Role } from '@/lib/api-types'
import { useConnections } from '@/features/connections/api'
import { useCreatePolicy, useDeletePolicy, useMaskingRoles, usePolicies, useScan, useSetRoleUnmasked } from './api'
import { PolicyDialog } from './policy-dialog'
import { maskKinds, suggestionDraft, target } from './schema'

const maskLabel = (m: string) => maskKinds.find((k) => k.kind === m)?.label ?? m

export function MaskingPage() {
  const policies = usePolicies()
  const connections = useConnections()
  const remove = useDeletePolicy()
  const [creating, setCreating] = React.useState(false)
  const connectionName = (id?: string | null) =>
    id ? (connections.data?.find((c) => c.id === id)?.name ?? id) : 'Every connection'

  const drop = (p: MaskingPolicy) => {
    if (!window.confirm(`Delete the policy ${p.name}? Its columns are shown in clear again.`)) return
    remove.mutate(p.id, {
      onSuccess: () => toast.success(`Deleted ${p.name}`),
      onError: (e) => toast.error(`Could not delete ${p.name}`, { description: errorMessage(e) }),
    })
  }

  const columns: DataTableColumn<MaskingPolicy>[] = [
    { id: 'name', header: 'Policy', sortValue: (p) => p.name, cell: (p) => <span className="font-medium">{p.name}</span> },
    {
      id: 'target',
      header: 'Masks',
      cell: (p) => (
        <div className="min-w-0">
          <div className="truncate font-mono text-xs">{target(p)}</div>
          <div className="text-xs text-muted-foreground">{connectionName(p.connectionId)}</div>
        </div>
      ),
    },
    {
      id: 'mask',
      header: 'Mask',
      className: 'w-64',
      cell: (p) => (
        <Badge variant="muted">
          {maskLabel(p.mask)}
          {p.mask === 'PARTIAL' ? ` ${p.keepFirst}/${p.keepLast}` : ''}
        </Badge>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-16 text-right',
      cellClassName: 'text-right',
      cell: (p) => (
        <Hint label="Delete">
          <Button variant="ghost" size="icon-sm" onClick={() => drop(p)} aria-label={`Delete ${p.name}`}>
            <Trash2 />
          </Button>
        </Hint>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Masking policies"
        description="Columns shown masked to roles that may not view unmasked data: in the console, the data grid and exports."
        actions={
          <Button onClick={() => setCreating(true)}>
            <Plus /> New policy
          </Button>
        }
      />
      <Card className="gap-0 overflow-hidden py-0">
        <DataTable
          aria-label="Masking policies"
          columns={columns}
          rows={policies.data}
          rowKey={(p) => p.id}
          rowProps={(p) => ({ 'data-testid': `policy-row-${p.name}` })}
          defaultSort={{ column: 'name', desc: false }}
          busy={policies.isFetching}
          error={policies.isError ? { title: 'Could not load the policies', error: policies.error, onRetry: () => void policies.refetch() } : null}
          empty={
            <EmptyState
              className="border-0"
              icon={EyeOff}
              title="No masking policies"
              description="Every role sees data in clear. Add a policy, or let the PII finder suggest some."
            />
          }
        />
      </Card>
      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_2fr]">
        <RolesCard />
        <FinderCard />
      </div>
      {creating && <PolicyDialog connections={connections.data ?? []} onClose={() => setCreating(false)} />}
    </>
  )
}

const roles: Role[] = ['ADMIN', 'OPERATOR', 'VIEWER']

function RolesCard() {
  const settings = useMaskingRoles()
  const set = useSetRoleUnmasked()
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ShieldCheck className="size-4" /> Who sees unmasked data
        </CardTitle>
        <CardDescription>Roles switched on see every value in clear.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {roles.map((role) => (
          <div key={role} className="flex items-center justify-between gap-3">
            <Label htmlFor={`unmasked-${role}`}>{role.charAt(0) + role.slice(1).toLowerCase()}</Label>
            <Switch
              id={`unmasked-${role}`}
              checked={settings.data?.[role] ?? false}
              disabled={!settings.data || set.isPending}
              onCheckedChange={(viewUnmasked) =>
                set.mutate(
                  { role, viewUnmasked },
                  { onError: (e) => toast.error('Could not change the setting', { description: errorMessage(e) }) },
                )
              }
            />
          </div>
        ))}
      </CardContent>
    </Card>
  )
}

function FinderCard() {
  const connections = useConnections()
  const scan = useScan()
  const create = useCreatePolicy()
  const [connectionId, setConnectionId] = React.useState('')
  const [database, setDatabase] = React.useState('')
  const [schema, setSchema] = React.useState('')
  const [report, setReport] = React.useState<PiiReport | null>(null)
  const [created, setCreated] = React.useState<Record<string, boolean>>({})

  const run = () =>
    scan.mutate(
      { connectionId, database, schema },
      {
        onSuccess: (r) => {
          setReport(r)
          setCreated({})
        },
        onError: (e) => toast.error('The scan failed', { description: errorMessage(e) }),
      },
    )

  const key = (s: PiiSuggestion) => `${s.schema}.${s.table}.${s.column}`
  const adopt = (s: PiiSuggestion) => {
    if (!report) return
    create.mutate(suggestionDraft(report.connectionId, s), {
      onSuccess: (p) => {
        setCreated((prev) => ({ ...prev, [key(s)]: true }))
        toast.success(`Created the policy ${p.name}`)
      },
      onError: (e) => toast.error('Could not create the policy', { description: errorMessage(e) }),
    })
  }

  const columns: DataTableColumn<PiiSuggestion>[] = [
    {
      id: 'column',
      header: 'Column',
      sortValue: key,
      cell: (s) => <span className="font-mono text-xs">{key(s)}</span>,
    },
    { id: 'kind', header: 'Looks like', className: 'w-32', cell: (s) => <Badge variant="warning">{s.kind.replace('_', ' ').toLowerCase()}</Badge> },
    {
      id: 'evidence',
      header: 'Evidence',
      className: 'w-48',
      cell: (s) => (
        <span className="text-xs text-muted-foreground">
          {s.matched}/{s.sampled} sampled values{s.byName ? ' · name' : ''}
        </span>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      srOnlyHeader: true,
      className: 'w-36 text-right',
      cellClassName: 'text-right',
      cell: (s) =>
        created[key(s)] ? (
          <Badge variant="success">Policy created</Badge>
        ) : (
          <Button size="sm" variant="outline" onClick={() => adopt(s)} disabled={create.isPending} aria-label={`Create policy for ${key(s)}`}>
            Create policy
          </Button>
        ),
    },
  ]

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ScanSearch className="size-4" /> PII finder
        </CardTitle>
        <CardDescription>
          Reads column names and up to 50 rows per table, and suggests columns to mask. Nothing is masked until you
          create a policy.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_1fr_auto]">
          <div className="grid gap-1.5">
            <Label htmlFor="scan-connection">Connection</Label>
            <Select value={connectionId} onValueChange={setConnectionId}>
              <SelectTrigger id="scan-connection">
                <SelectValue placeholder="Choose a connection" />
              </SelectTrigger>
              <SelectContent>
                {(connections.data ?? []).map((c) => (
                  <SelectItem key={c.id} value={c.id}>
                    {c.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="scan-database">Database</Label>
            <Input id="scan-database" placeholder="Its own" value={database} onChange={(e) => setDatabase(e.target.value)} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="scan-schema">Schema</Label>
            <Input id="scan-schema" placeholder="All" value={schema} onChange={(e) => setSchema(e.target.value)} />
          </div>
          <Button onClick={run} disabled={!connectionId || scan.isPending}>
            {scan.isPending ? <Spinner /> : <ScanSearch />} Scan
          </Button>
        </div>
        {report && (
          <div className="grid gap-2" data-testid="scan-report">
            <p className="text-sm text-muted-foreground" role="status">
              {report.suggestions.length} suggestion{report.suggestions.length === 1 ? '' : 's'} from{' '}
              {report.tablesSampled} table{report.tablesSampled === 1 ? '' : 's'} of {report.database}
              {report.truncated ? ' (stopped at its bounds: scan a schema at a time for the rest)' : ''}
            </p>
            <DataTable
              aria-label="Suggestions"
              columns={columns}
              rows={report.suggestions}
              rowKey={key}
              rowProps={(s) => ({ 'data-testid': `suggestion-${key(s)}` })}
              empty={<p className="p-4 text-sm text-muted-foreground">Nothing that looks like personal data.</p>}
            />
          </div>
        )}
      </CardContent>
    </Card>
  )
}
