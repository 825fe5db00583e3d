import { describe, expect, it } from 'vitest'
import { findingLabel } from './types'

describe('findingLabel', () => {
  it('turns a finding kind into a sentence-case label', () => {
    expect(findingLabel('FOREIGN_KEY_WITHOUT_INDEX')).toBe('Foreign key without index')
    expect(findingLabel('UNUSED_INDEX')).toBe('Unused index')
  })
})
