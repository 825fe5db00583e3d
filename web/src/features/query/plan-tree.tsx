import * as React from 'react'
import { ChevronDown, ChevronRight } from 'lucide-react'
import { cn } from '@/lib/utils'
import type { PlanNode, QueryPlan } from './types'

/** The node doing the most work: most time when analyzed, else the highest cost net of its children. */
export function dominating(plan: QueryPlan): PlanNode | null {
  let best: PlanNode | null = null
  let bestScore = -1
  const own = (n: PlanNode, pick: (x: PlanNode) => number | null | undefined) => {
    const self = pick(n) ?? 0
    const below = n.children.reduce((sum, c) => sum + (pick(c) ?? 0), 0)
    return Math.max(0, self - below)
  }
  const visit = (n: PlanNode) => {
    const score = plan.analyzed && n.timeMillis != null ? own(n, (x) => x.timeMillis) : own(n, (x) => x.cost)
    if (score > bestScore) {
      best = n
      bestScore = score
    }
    n.children.forEach(visit)
  }
  plan.roots.forEach(visit)
  return bestScore > 0 ? best : null
}

function num(value: number | null | undefined, digits = 0) {
  if (value == null) return '–'
  return value.toLocaleString(undefined, { maximumFractionDigits: digits })
}

/** A plan of any engine as an indented tree: cost, estimated vs actual rows, time; the dominating node marked. */
export function PlanTree({ plan }: { plan: QueryPlan }) {
  const hot = React.useMemo(() => dominating(plan), [plan])
  return (
    <div className="min-h-0 flex-1 overflow-auto rounded-md border text-xs" data-testid="plan-tree">
      <div className="flex gap-4 border-b bg-muted/50 px-2 py-1 text-muted-foreground">
        <span>{plan.analyzed ? 'Analyzed (run, then rolled back)' : 'Estimated plan'}</span>
        {plan.planningMillis != null && <span>planning {num(plan.planningMillis, 3)} ms</span>}
        {plan.executionMillis != null && <span>execution {num(plan.executionMillis, 3)} ms</span>}
      </div>
      <table className="w-full">
        <thead className="text-left text-muted-foreground">
          <tr>
            <th className="px-2 py-1 font-medium">Node</th>
            <th className="px-2 py-1 text-right font-medium">Cost</th>
            <th className="px-2 py-1 text-right font-medium">Est. rows</th>
            <th className="px-2 py-1 text-right font-medium">Actual rows</th>
            <th className="px-2 py-1 text-right font-medium">Time (ms)</th>
          </tr>
        </thead>
        <tbody>
          {plan.roots.map((n, i) => (
            <PlanRow key={i} node={n} depth={0} hot={hot} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function PlanRow({ node, depth, hot }: { node: PlanNode; depth: number; hot: PlanNode | null }) {
  const [open, setOpen] = React.useState(true)
  const [details, setDetails] = React.useState(false)
  const isHot = node === hot
  const misestimate =
    node.actualRows != null && node.estimatedRows != null && node.estimatedRows > 0 &&
    (node.actualRows / node.estimatedRows > 10 || node.estimatedRows / Math.max(1, node.actualRows) > 10)
  return (
    <>
      <tr
        className={cn('border-t align-top', isHot && 'bg-amber-100 dark:bg-amber-900/40')}
        data-testid="plan-node"
        data-hot={isHot}
      >
        <td className="px-2 py-1" style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
          <button
            type="button"
            className="inline-flex items-center gap-1"
            onClick={() => setOpen(!open)}
            aria-label={open ? 'Collapse' : 'Expand'}
            disabled={node.children.length === 0}
          >
            {node.children.length > 0 ? (open ? <ChevronDown className="size-3" /> : <ChevronRight className="size-3" />) : <span className="size-3" />}
          </button>{' '}
          <span className="font-medium">{node.nodeType}</span>
          {node.relation && <span className="text-muted-foreground"> on {node.relation}</span>}
          {isHot && <span className="ml-2 rounded bg-amber-500 px-1 text-[10px] text-white">dominant</span>}
          <button type="button" className="ml-2 text-[10px] text-muted-foreground underline" onClick={() => setDetails(!details)}>
            {details ? 'hide details' : 'details'}
          </button>
          {details && (
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 font-mono text-[10px] text-muted-foreground">
              {Object.entries(node.details).map(([k, v]) => (
                <React.Fragment key={k}>
                  <dt>{k}</dt>
                  <dd className="break-all">{v}</dd>
                </React.Fragment>
              ))}
            </dl>
          )}
        </td>
        <td className="px-2 py-1 text-right tabular-nums">{num(node.cost, 2)}</td>
        <td className="px-2 py-1 text-right tabular-nums">{num(node.estimatedRows)}</td>
        <td className={cn('px-2 py-1 text-right tabular-nums', misestimate && 'text-destructive')}>{num(node.actualRows)}</td>
        <td className="px-2 py-1 text-right tabular-nums">{num(node.timeMillis, 3)}</td>
      </tr>
      {open && node.children.map((c, i) => <PlanRow key={i} node={c} depth={depth + 1} hot={hot} />)}
    </>
  )
}
