import * as React from 'react'
import type { ResultColumn, ValueKind } from '@/features/query/types'
import type { Filter, FilterOp } from './api'

const LABELS: Record<FilterOp, string> = {
  eq: '=', ne: '≠', lt: '<', le: '≤', gt: '>', ge: '≥', contains: 'contains', starts_with: 'starts with',
  is_null: 'is null', not_null: 'is not null', in: 'in',
}

/** The operators that make sense for a kind of value. */
export function operators(kind: ValueKind): FilterOp[] {
  if (kind === 'BOOLEAN') return ['eq', 'ne', 'is_null', 'not_null']
  if (kind === 'NUMBER' || kind === 'TEMPORAL') return ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'is_null', 'not_null']
  return ['contains', 'starts_with', 'eq', 'ne', 'lt', 'gt', 'in', 'is_null', 'not_null']
}

export interface Draft { op: FilterOp; value: string }

/** A draft becomes a filter when it has a value (or needs none); `in` takes comma-separated values. */
export function toFilters(drafts: Record<string, Draft>): Filter[] {
  const out: Filter[] = []
  for (const [column, d] of Object.entries(drafts)) {
    if (d.op === 'is_null' || d.op === 'not_null') out.push({ column, op: d.op })
    else if (d.value === '') continue
    else if (d.op === 'in') out.push({ column, op: 'in', values: d.value.split(',').map((v) => v.trim()) })
    else out.push({ column, op: d.op, value: d.value })
  }
  return out
}

/** One operator and one value per column; Enter applies every column's filter. */
export function FilterRow({ columns, drafts, onChange, onApply, template }: {
  columns: ResultColumn[]
  drafts: Record<string, Draft>
  onChange: (column: string, draft: Draft) => void
  onApply: (changed?: Record<string, Draft>) => void
  template: string
}) {
  return (
    <div className="sticky top-[25px] z-10 grid border-b bg-background" style={{ gridTemplateColumns: template }} data-testid="filter-row">
      <div />
      {columns.map((c) => {
        const ops = operators(c.kind)
        const d = drafts[c.name] ?? { op: ops[0], value: '' }
        const unary = d.op === 'is_null' || d.op === 'not_null'
        return (
          <div key={c.name} className="flex min-w-0 gap-0.5 px-1 py-0.5">
            <select
              aria-label={`Filter operator for ${c.name}`}
              className="h-6 w-[4.5rem] shrink-0 rounded border bg-background px-0.5 text-[11px]"
              value={d.op}
              onChange={(e) => {
                const op = e.target.value as FilterOp
                onChange(c.name, { ...d, op })
                if (op === 'is_null' || op === 'not_null' || unary) onApply({ [c.name]: { ...d, op } })
              }}
            >
              {ops.map((op) => <option key={op} value={op}>{LABELS[op]}</option>)}
            </select>
            {!unary && (
              <input
                aria-label={`Filter ${c.name}`}
                className="h-6 min-w-0 flex-1 rounded border bg-background px-1 text-[11px]"
                placeholder="filter…"
                value={d.value}
                onChange={(e) => onChange(c.name, { ...d, value: e.target.value })}
                onKeyDown={(e: React.KeyboardEvent) => {
                  if (e.key === 'Enter') onApply()
                }}
              />
            )}
          </div>
        )
      })}
    </div>
  )
}
