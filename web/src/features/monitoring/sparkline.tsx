/** A tiny line of recent values (the grid's sparklines; charts with axes use uPlot). */
export function Sparkline({ values, label, className = 'h-6 w-full' }: { values: number[]; label: string; className?: string }) {
  const points = values.filter((v) => Number.isFinite(v))
  if (points.length < 2) {
    return <div className={className} aria-label={`${label}: not enough samples yet`} />
  }
  const min = Math.min(...points)
  const max = Math.max(...points)
  const span = max - min || 1
  const path = points
    .map((v, i) => `${((i / (points.length - 1)) * 100).toFixed(2)},${(28 - ((v - min) / span) * 26).toFixed(2)}`)
    .join(' ')
  return (
    <svg viewBox="0 0 100 30" preserveAspectRatio="none" className={className} role="img" aria-label={label}>
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
    </svg>
  )
}
