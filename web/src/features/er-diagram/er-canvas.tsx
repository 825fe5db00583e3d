import * as React from 'react'
import { NODE, type GraphEdge, type GraphTable } from './graph'
import type { Layout } from './layout'

export interface ErCanvasHandle {
  zoom: (factor: number) => void
  fit: () => void
  exportSvg: (name: string) => void
  exportPng: (name: string) => Promise<void>
}

interface Props<T extends GraphTable, E extends GraphEdge> {
  layout: Layout<T, E>
  center?: string | null
  onPick: (table: string) => void
  ref?: React.Ref<ErCanvasHandle>
}

interface View { x: number; y: number; k: number }

const MIN_ZOOM = 0.05
const MAX_ZOOM = 3

// explicit colours, not CSS variables: an exported SVG or PNG must look the same outside the page
const INK = { text: '#0f172a', muted: '#64748b', faint: '#94a3b8', box: '#ffffff', head: '#f1f5f9', centre: '#2563eb', centreHead: '#dbeafe', pk: '#b45309', fk: '#2563eb', edge: '#64748b' }

function clip(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function pathOf(points: { x: number; y: number }[]) {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The laid-out diagram as SVG: drag to pan, wheel to zoom (around the pointer), click a table to centre on it.
 * Export writes the whole diagram at scale 1 (SVG) or 2 (PNG, smaller for huge diagrams) on a white background.
 */
export function ErCanvas<T extends GraphTable, E extends GraphEdge>({ layout, center, onPick, ref }: Props<T, E>) {
  const box = React.useRef<HTMLDivElement>(null)
  const svg = React.useRef<SVGSVGElement>(null)
  const [view, setView] = React.useState<View>({ x: 0, y: 0, k: 1 })
  const drag = React.useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean } | null>(null)

  const fit = React.useCallback(() => {
    const el = box.current
    if (!el) return
    const w = el.clientWidth || 800
    const h = el.clientHeight || 600
    const k = Math.max(MIN_ZOOM, Math.min(1.2, w / layout.width, h / layout.height))
    setView({ k, x: (w - layout.width * k) / 2, y: (h - layout.height * k) / 2 })
  }, [layout])

  React.useLayoutEffect(() => fit(), [fit])

  const zoomAt = React.useCallback((factor: number, px?: number, py?: number) => {
    setView((v) => {
      const el = box.current
      const cx = px ?? (el ? el.clientWidth / 2 : 0)
      const cy = py ?? (el ? el.clientHeight / 2 : 0)
      const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.k * factor))
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k }
    })
  }, [])

  // a native listener: React's wheel handler is passive and cannot keep the page from scrolling
  React.useEffect(() => {
    const el = box.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      e.preventDefault()
      const r = el.getBoundingClientRect()
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top)
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [zoomAt])

  const markup = () => {
    const clone = svg.current!.cloneNode(true) as SVGSVGElement
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
    clone.setAttribute('width', String(Math.ceil(layout.width)))
    clone.setAttribute('height', String(Math.ceil(layout.height)))
    clone.setAttribute('viewBox', `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`)
    clone.querySelector('[data-role=viewport]')?.removeAttribute('transform')
    const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect')
    background.setAttribute('width', '100%')
    background.setAttribute('height', '100%')
    background.setAttribute('fill', '#ffffff')
    clone.insertBefore(background, clone.firstChild)
    return new XMLSerializer().serializeToString(clone)
  }

  React.useImperativeHandle(ref, () => ({
    zoom: (factor) => zoomAt(factor),
    fit,
    exportSvg: (name) => save(new Blob([markup()], { type: 'image/svg+xml' }), `${name}.svg`),
    exportPng: async (name) => {
      const image = new Image()
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup())}`
      await image.decode()
      // browsers refuse canvases much above 16k pixels a side
      const scale = Math.min(2, 16000 / Math.max(layout.width, layout.height))
      const canvas = document.createElement('canvas')
      canvas.width = Math.ceil(layout.width * scale)
      canvas.height = Math.ceil(layout.height * scale)
      const ctx = canvas.getContext('2d')!
      ctx.scale(scale, scale)
      ctx.drawImage(image, 0, 0)
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
      if (blob) save(blob, `${name}.png`)
    },
  }))

  return (
    <div
      ref={box}
      className="relative h-full w-full cursor-grab touch-none overflow-hidden rounded-md border bg-white active:cursor-grabbing"
      onPointerDown={(e) => {
        drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false }
        e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => {
        const d = drag.current
        if (!d) return
        const dx = e.clientX - d.x
        const dy = e.clientY - d.y
        if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true
        setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }))
      }}
      onPointerUp={(e) => {
        const d = drag.current
        drag.current = null
        if (d && !d.moved) {
          // a click, not a drag: the table under the pointer, if any
          const hit = document.elementFromPoint(e.clientX, e.clientY)?.closest('[data-table]')
          const name = hit?.getAttribute('data-table')
          if (name) onPick(name)
        }
      }}
    >
      <svg ref={svg} width="100%" height="100%" fontFamily="Inter, system-ui, sans-serif" data-testid="er-canvas" role="img"
        aria-label={`Entity-relationship diagram of ${layout.nodes.length} tables`}>
        <defs>
          <marker id="er-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={INK.edge} />
          </marker>
        </defs>
        <g data-role="viewport" transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {layout.edges.map(({ edge, points }, i) => (
            <path key={i} d={pathOf(points)} fill="none" stroke={INK.edge} strokeWidth={1.2} markerEnd="url(#er-arrow)"
              data-testid="er-edge" data-from={edge.fromTable} data-to={edge.toTable}>
              <title>{`${edge.name}: ${edge.fromTable} (${edge.fromColumns.join(', ')}) → ${edge.toTable} (${edge.toColumns.join(', ')})`}</title>
            </path>
          ))}
          {layout.nodes.map(({ table, x, y, width, height }) => {
            const centred = table.name === center
            const more = table.columnCount - table.keyColumns.length
            return (
              <g key={table.name} transform={`translate(${x},${y})`} data-testid="er-node" data-table={table.name} className="cursor-pointer">
                <title>{`${table.name}: ${table.columnCount} columns`}</title>
                <rect width={width} height={height} rx={5} fill={INK.box} stroke={centred ? INK.centre : INK.faint} strokeWidth={centred ? 2 : 1} />
                <path d={`M0,${NODE.header} V5 Q0,0 5,0 H${width - 5} Q${width},0 ${width},5 V${NODE.header} Z`} fill={centred ? INK.centreHead : INK.head} />
                <text x={8} y={17} fontSize={12} fontWeight={600} fill={INK.text}>{clip(table.name, 30)}</text>
                {table.keyColumns.map((c, i) => (
                  <text key={c.name} x={8} y={NODE.header + i * NODE.row + 13} fontSize={11} fill={INK.text}>
                    <tspan fill={c.primaryKey ? INK.pk : INK.fk} fontWeight={600} fontSize={9}>
                      {c.primaryKey && c.foreignKey ? 'PK FK' : c.primaryKey ? 'PK' : 'FK'}
                    </tspan>
                    <tspan dx={6}>{clip(c.name, 22)}</tspan>
                    <tspan dx={6} fill={INK.faint} fontSize={10}>{clip(c.dataType, 16)}</tspan>
                  </text>
                ))}
                {more > 0 && (
                  <text x={8} y={NODE.header + table.keyColumns.length * NODE.row + 13} fontSize={10} fill={INK.muted} fontStyle="italic">
                    {`+ ${more} more column${more === 1 ? '' : 's'}`}
                  </text>
                )}
              </g>
            )
          })}
        </g>
      </svg>
      <span className="pointer-events-none absolute right-2 bottom-1 text-[10px] text-slate-500" data-testid="er-zoom">
        {Math.round(view.k * 100)}%
      </span>
    </div>
  )
}
