import { describe, expect, it } from 'vitest'
import { dominating } from './plan-tree'
import type { PlanNode, QueryPlan } from './types'

function node(nodeType: string, cost: number | null, timeMillis: number | null, children: PlanNode[] = []): PlanNode {
  return { nodeType, relation: null, estimatedRows: null, actualRows: null, cost, timeMillis, details: {}, children }
}

function plan(roots: PlanNode[], analyzed: boolean): QueryPlan {
  return { roots, analyzed, planningMillis: null, executionMillis: null, raw: '' }
}

describe('dominating', () => {
  it('picks the node with the most own time when analyzed, net of its children', () => {
    const scan = node('Seq Scan', 10, 90)
    const sort = node('Sort', 100, 100, [scan])
    expect(dominating(plan([sort], true))).toBe(scan)
  })

  it('falls back to own cost for an estimated plan', () => {
    const scan = node('Seq Scan', 10, null)
    const sort = node('Sort', 100, null, [scan])
    expect(dominating(plan([sort], false))).toBe(sort)
  })

  it('marks nothing when the engine gives neither cost nor time', () => {
    expect(dominating(plan([node('SCAN', null, null)], false))).toBeNull()
  })
})
