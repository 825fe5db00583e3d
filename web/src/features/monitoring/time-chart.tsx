import * as React from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Series } from './types'

/** A time series with its min–max band, drawn by uPlot (fast for the thousand points a long range brings). */
export function TimeChart({ series, height = 180 }: { series: Series; height?: number }) {
  const box = React.useRef<HTMLDivElement>(null)
  React.useEffect(() => {
    const el = box.current
    if (!el) return
    const stroke = getComputedStyle(el).color || '#2563eb'
    const data: uPlot.AlignedData = [series.t, series.avg, series.min, series.max]
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [{ stroke: '#888', grid: { stroke: '#8882' } }, { stroke: '#888', grid: { stroke: '#8882' }, size: 60 }],
        series: [
          {},
          { label: 'avg', stroke, width: 1.5 },
          { label: 'min', stroke: 'transparent', fill: undefined },
          { label: 'max', stroke: 'transparent' },
        ],
        bands: [{ series: [3, 2], fill: 'rgba(37, 99, 235, 0.12)' }],
      },
      data,
      el,
    )
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [series, height])
  return <div ref={box} className="w-full text-primary" data-testid={`chart-${series.metric}`} data-points={series.t.length} />
}
