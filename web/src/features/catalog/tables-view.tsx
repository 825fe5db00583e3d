import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { formatBytes, formatCount, useObjects, type ObjectRef } from './api'

/** The tables of one schema, like RAS DASH's list: sortable on the server, with totals. */
export function TablesView({ connectionId, database, schema, onOpen }: {
  connectionId: string; database: string; schema: string; onOpen: (ref: ObjectRef) => void
}) {
  const [sort, setSort] = useState('name')
  const [page, setPage] = useState(0)
  const objects = useObjects(connectionId, { database, schema, kind: 'table', page, size: 100, sort })
  const data = objects.data
  const pageSize = data?.items.reduce((sum, t) => sum + (t.sizeBytes ?? 0), 0) ?? 0
  const header = (key: string, label: string) => (
    <th className="cursor-pointer p-2" onClick={() => { setSort(sort === key ? `${key},desc` : key); setPage(0) }}>
      {label}{sort === key ? ' ▲' : sort === `${key},desc` ? ' ▼' : ''}
    </th>
  )
  return (
    <div className="flex h-full flex-col overflow-hidden p-4">
      <h2 className="mb-2 text-lg font-semibold">Tables in {schema}</h2>
      <p className="mb-2 text-sm text-muted-foreground">
        {formatCount(data?.totalElements)} tables · {formatBytes(pageSize)} on this page
      </p>
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>{header('name', 'Name')}<th className="p-2">Schema</th>{header('rows', 'Rows (est.)')}{header('size', 'Size')}<th className="p-2">Description</th></tr>
          </thead>
          <tbody>
            {data?.items.map((t) => (
              <tr key={`${t.name}/${t.parent ?? ''}`} className="cursor-pointer border-t hover:bg-accent"
                onClick={() => onOpen({ database, schema, name: t.name, kind: t.kind })}>
                <td className="p-2 font-medium">{t.name}</td><td className="p-2">{t.schema}</td>
                <td className="p-2">{formatCount(t.approxRows)}</td><td className="p-2">{formatBytes(t.sizeBytes)}</td>
                <td className="p-2 text-muted-foreground">{t.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data && data.totalPages > 1 && (
        <div className="flex items-center gap-2 pt-2 text-sm">
          <Button size="sm" variant="outline" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</Button>
          <span>Page {page + 1} of {data.totalPages}</span>
          <Button size="sm" variant="outline" disabled={page + 1 >= data.totalPages} onClick={() => setPage(page + 1)}>Next</Button>
        </div>
      )}
    </div>
  )
}
