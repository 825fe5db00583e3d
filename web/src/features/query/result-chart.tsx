import * as React from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { cn } from '@/lib/utils'
import { inputClasses } from '@/components/ui/input'
import { chartData, isNumeric, MAX_POINTS, type ChartKind } from './chart-data'
import type { ResultColumn, Row } from './types'

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2']
const KINDS: { kind: ChartKind; label: string }[] = [
  { kind: 'bar', label: 'Bar' },
  { kind: 'line', label: 'Line' },
  { kind: 'scatter', label: 'Scatter' },
]

/**
 * A result as a chart (uPlot, as the monitor uses): bar, line or scatter of the rows fetched so far, X any column,
 * Y one or more numeric columns (NUMBER, or text whose values are all numbers).
 */
export function ResultChart({ columns, rows }: { columns: ResultColumn[]; rows: Row[] }) {
  const numeric = React.useMemo(() => columns.map((c, i) => isNumeric(c, rows, i)), [columns, rows])
  const firstNumeric = numeric.indexOf(true)
  const [kind, setKind] = React.useState<ChartKind>('bar')
  const [x, setX] = React.useState(() => (firstNumeric === 0 && columns.length > 1 ? 0 : numeric.findIndex((n) => !n) >= 0 ? numeric.findIndex((n) => !n) : 0))
  const [ys, setYs] = React.useState<number[]>(() => {
    const first = numeric.findIndex((n, i) => n && i !== x)
    return first >= 0 ? [first] : []
  })
  const data = React.useMemo(() => chartData(columns, rows, x, ys), [columns, rows, x, ys])
  // stable, so that the plot is rebuilt only when what it shows changes
  const names = React.useMemo(() => ys.map((i) => columns[i]?.name ?? ''), [ys, columns])

  const toggleY = (i: number) => setYs((all) => (all.includes(i) ? all.filter((y) => y !== i) : [...all, i].sort((a, b) => a - b)))

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2" data-testid="result-chart">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <div className="flex rounded-md border" role="radiogroup" aria-label="Chart type">
          {KINDS.map((k) => (
            <button key={k.kind} type="button" role="radio" aria-checked={kind === k.kind}
              className={cn('px-2 py-1', kind === k.kind ? 'bg-primary text-primary-foreground' : 'hover:bg-muted')}
              onClick={() => setKind(k.kind)}>
              {k.label}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1">
          X
          <select aria-label="X column" className={cn(inputClasses, 'h-7 w-auto py-0 text-xs')} value={x}
            onChange={(e) => setX(Number(e.target.value))}>
            {columns.map((c, i) => <option key={i} value={i}>{c.name}</option>)}
          </select>
        </label>
        <span className="flex flex-wrap items-center gap-2" role="group" aria-label="Y columns">
          Y
          {columns.map((c, i) =>
            numeric[i] ? (
              <label key={i} className="flex items-center gap-1">
                <input type="checkbox" checked={ys.includes(i)} onChange={() => toggleY(i)} aria-label={`Y ${c.name}`} />
                {c.name}
              </label>
            ) : null,
          )}
          {firstNumeric < 0 && <span className="text-muted-foreground">no numeric column to plot</span>}
        </span>
        <span className="ml-auto text-muted-foreground" data-testid="chart-summary">
          {data.x.length} point{data.x.length === 1 ? '' : 's'}
          {rows.length > MAX_POINTS ? ` (first ${MAX_POINTS} rows)` : ''}
          {data.skipped > 0 ? `, ${data.skipped} row(s) without an X value left out` : ''}
        </span>
      </div>
      {ys.length === 0 ? (
        <p className="text-sm text-muted-foreground">Choose a numeric column for Y.</p>
      ) : (
        <Plot kind={kind} data={data} names={names} xName={columns[x]?.name ?? ''} />
      )}
    </div>
  )
}

function Plot({ kind, data, names, xName }: { kind: ChartKind; data: ReturnType<typeof chartData>; names: string[]; xName: string }) {
  const box = React.useRef<HTMLDivElement>(null)
  React.useEffect(() => {
    const el = box.current
    if (!el) return
    // room for the legend uPlot puts under the plot, inside this box
    const height = Math.max(200, el.clientHeight - 44)
    // several Y columns as nested bars: each narrower than the one before, so all stay visible at the same X
    const bars = (i: number) => uPlot.paths.bars!({ size: [(0.8 * (names.length - i)) / names.length, 80], align: 0 })
    const series: uPlot.Series[] = [
      { label: xName },
      ...names.map((name, i) => {
        const colour = PALETTE[i % PALETTE.length]
        if (kind === 'bar') return { label: name, stroke: colour, fill: `${colour}cc`, paths: bars(i), points: { show: false } }
        if (kind === 'scatter') return { label: name, stroke: colour, paths: () => null, points: { show: true, size: 6, fill: colour } }
        return { label: name, stroke: colour, width: 1.5, spanGaps: false }
      }),
    ]
    const labels = data.labels
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height,
        series,
        scales: {
          x: { time: data.scale === 'time', ...(data.scale === 'category' ? { range: (_u: uPlot, min: number, max: number) => [min - 0.6, max + 0.6] as uPlot.Range.MinMax } : {}) },
          // bars grow from zero
          ...(kind === 'bar' ? { y: { range: (_u: uPlot, min: number, max: number) => [Math.min(0, min), Math.max(0, max) * 1.05 || 1] as uPlot.Range.MinMax } } : {}),
        },
        axes: [
          {
            stroke: '#888',
            grid: { stroke: '#8882' },
            ...(data.scale === 'category'
              ? { values: (_u: uPlot, splits: number[]) => splits.map((s) => (Number.isInteger(s) ? (labels[s] ?? '') : '')), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], rotate: -30, size: 70 }
              : {}),
          },
          { stroke: '#888', grid: { stroke: '#8882' }, size: 60 },
        ],
        cursor: { drag: { x: true, y: false } },
      },
      [data.x, ...data.ys] as uPlot.AlignedData,
      el,
    )
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [kind, data, names, xName])
  return <div ref={box} className="min-h-60 w-full flex-1 rounded-md border bg-background p-1" data-testid="chart-plot" data-points={data.x.length} data-kind={kind} />
}
