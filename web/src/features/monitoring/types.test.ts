import { describe, expect, it } from 'vitest'
import { throughput } from './types'

describe('throughput', () => {
  it('adds commits and rollbacks for SQL engines', () => {
    expect(throughput({ commits: 4, rollbacks: 1, latency: 3 })).toBe(5)
  })
  it('adds MongoDB operations when there are no commits', () => {
    expect(throughput({ ops_insert: 2, ops_query: 3 })).toBe(5)
  })
  it('is unknown without either', () => {
    expect(throughput({ latency: 3 })).toBeUndefined()
  })
})
