import * as React from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { cn } from '@/lib/utils'
import { inputClasses } from '@/components/ui/input'
import { aggregate, chartData, fromSavedChart, isNumeric, MAX_POINTS, pieSlices, toSavedChart, type Aggregation, type ChartKind } from './chart-data'
import type { ResultColumn, Row, SavedChart } from './types'

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2']
const KINDS: { kind: ChartKind; label: string }[] = [
  { kind: 'bar', label: 'Bar' },
  { kind: 'line', label: 'Line' },
  { kind: 'area', label: 'Area' },
  { kind: 'scatter', label: 'Scatter' },
  { kind: 'pie', label: 'Pie' },
]
const AGGREGATIONS: { how: Aggregation; label: string }[] = [
  { how: 'none', label: 'none (each row)' },
  { how: 'sum', label: 'sum' },
  { how: 'avg', label: 'average' },
  { how: 'count', label: 'count' },
  { how: 'min', label: 'min' },
  { how: 'max', label: 'max' },
]

/**
 * A result as a chart (uPlot, as the monitor uses; the pie is plain SVG): bar, line, area, scatter or pie of the rows
 * fetched so far, X any column, Y one or more numeric columns (NUMBER, or text whose values are all numbers),
 * optionally grouped by X with sum, average, count, min or max. `initial` (a saved query's chart, or the one shown
 * before this run) is applied by column name when mounted; `onChange` hears the settings, by name, as they change.
 */
export function ResultChart({ columns, rows, initial, onChange }: {
  columns: ResultColumn[]
  rows: Row[]
  initial?: SavedChart | null
  onChange?: (chart: SavedChart | null) => void
}) {
  const numeric = React.useMemo(() => columns.map((c, i) => isNumeric(c, rows, i)), [columns, rows])
  const firstNumeric = numeric.indexOf(true)
  const [restored] = React.useState(() => (initial ? fromSavedChart(columns, initial) : null))
  const [kind, setKind] = React.useState<ChartKind>(restored?.kind ?? 'bar')
  const [how, setHow] = React.useState<Aggregation>(restored?.how ?? 'none')
  const [x, setX] = React.useState(() => restored?.x ?? (firstNumeric === 0 && columns.length > 1 ? 0 : numeric.findIndex((n) => !n) >= 0 ? numeric.findIndex((n) => !n) : 0))
  const [ys, setYs] = React.useState<number[]>(() => {
    if (restored && restored.ys.length > 0) return restored.ys
    const first = numeric.findIndex((n, i) => n && i !== x)
    return first >= 0 ? [first] : []
  })
  const changed = React.useRef(onChange)
  React.useEffect(() => {
    changed.current = onChange
  })
  React.useEffect(() => {
    changed.current?.(toSavedChart(columns, { kind, how, x, ys }))
  }, [columns, kind, how, x, ys])
  // grouped by X: a smaller result whose column 0 is X and columns 1… the folded Y columns
  const shaped = React.useMemo(() => {
    if (how === 'none') return { columns, rows, x, ys }
    const folded = aggregate(columns, rows, x, ys, how)
    return { columns: folded.columns, rows: folded.rows, x: 0, ys: ys.map((_, i) => i + 1) }
  }, [columns, rows, x, ys, how])
  const data = React.useMemo(() => chartData(shaped.columns, shaped.rows, shaped.x, shaped.ys), [shaped])
  const pie = React.useMemo(() => (kind === 'pie' && shaped.ys.length > 0 ? pieSlices(shaped.rows, shaped.x, shaped.ys[0]) : null), [kind, shaped])
  // stable, so that the plot is rebuilt only when what it shows changes
  const names = React.useMemo(() => shaped.ys.map((i) => shaped.columns[i]?.name ?? ''), [shaped])

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
        <label className="flex items-center gap-1">
          Group by X
          <select aria-label="Aggregation" className={cn(inputClasses, 'h-7 w-auto py-0 text-xs')} value={how}
            onChange={(e) => setHow(e.target.value as Aggregation)}>
            {AGGREGATIONS.map((a) => <option key={a.how} value={a.how}>{a.label}</option>)}
          </select>
        </label>
        <span className="ml-auto text-muted-foreground" data-testid="chart-summary">
          {pie ? `${pie.slices.length} slice${pie.slices.length === 1 ? '' : 's'}` : `${data.x.length} point${data.x.length === 1 ? '' : 's'}`}
          {how !== 'none' ? ` grouped from ${rows.length} row${rows.length === 1 ? '' : 's'}` : ''}
          {shaped.rows.length > MAX_POINTS ? ` (first ${MAX_POINTS})` : ''}
          {pie && pie.skipped > 0 ? `, ${pie.skipped} without a positive ${names[0]} left out` : ''}
          {!pie && data.skipped > 0 ? `, ${data.skipped} row(s) without an X value left out` : ''}
        </span>
      </div>
      {ys.length === 0 ? (
        <p className="text-sm text-muted-foreground">Choose a numeric column for Y.</p>
      ) : pie ? (
        <Pie slices={pie.slices} value={names[0]} />
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
        if (kind === 'area') return { label: name, stroke: colour, width: 1.5, fill: `${colour}33`, spanGaps: false }
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

const PIE_PALETTE = [...PALETTE, '#db2777', '#65a30d', '#4f46e5', '#ea580c', '#0d9488', '#9ca3af']

/** A pie of one value column: SVG slices with a legend of label, value and share. */
function Pie({ slices, value }: { slices: ReturnType<typeof pieSlices>['slices']; value: string }) {
  const point = (angle: number, r: number) => [100 + r * Math.sin(angle), 100 - r * Math.cos(angle)]
  return (
    <div className="flex min-h-60 flex-1 flex-wrap items-start gap-6 rounded-md border bg-background p-3" data-testid="chart-plot" data-kind="pie" data-points={slices.length}>
      <svg viewBox="0 0 200 200" className="h-60 w-60 shrink-0" role="img" aria-label={`Pie of ${value}`}>
        {slices.map((s, i) => {
          const colour = PIE_PALETTE[i % PIE_PALETTE.length]
          if (slices.length === 1) return <circle key={i} cx={100} cy={100} r={90} fill={colour}><title>{s.label}</title></circle>
          const [x1, y1] = point(s.start, 90)
          const [x2, y2] = point(s.end, 90)
          const large = s.end - s.start > Math.PI ? 1 : 0
          return (
            <path key={i} d={`M100 100 L${x1} ${y1} A90 90 0 ${large} 1 ${x2} ${y2} Z`} fill={colour} stroke="white" strokeWidth={1} data-testid="pie-slice">
              <title>{`${s.label}: ${s.value} (${(s.fraction * 100).toFixed(1)} %)`}</title>
            </path>
          )
        })}
      </svg>
      <ul className="grid min-w-0 gap-1 text-xs" aria-label="Legend">
        {slices.map((s, i) => (
          <li key={i} className="flex min-w-0 items-center gap-2">
            <span className="inline-block size-3 shrink-0 rounded-sm" style={{ background: PIE_PALETTE[i % PIE_PALETTE.length] }} />
            <span className="truncate" title={s.label}>{s.label}</span>
            <span className="ml-auto pl-3 tabular-nums text-muted-foreground">{s.value.toLocaleString()} · {(s.fraction * 100).toFixed(1)} %</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
