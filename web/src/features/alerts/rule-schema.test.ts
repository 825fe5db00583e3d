import { describe, expect, it } from 'vitest'
import { defaultValues, firesText, ruleSchema, toDraft } from './rule-schema'

describe('alert rule form', () => {
  it('turns valid values into a draft, an empty hysteresis into the server default', () => {
    const values = { ...defaultValues(), name: ' Slow ', threshold: '2000', hysteresis: '' }
    expect(ruleSchema.safeParse(values).success).toBe(true)
    const draft = toDraft(values)
    expect(draft.name).toBe('Slow')
    expect(draft.threshold).toBe(2000)
    expect(draft.hysteresis).toBeUndefined()
    expect(draft.scopeValue).toBeUndefined()
  })

  it('refuses a missing threshold, a fractional duration and a scope without its value', () => {
    const r = ruleSchema.safeParse({ ...defaultValues(), name: 'x', threshold: 'abc', forSeconds: '1.5', scope: 'TAG' })
    expect(r.success).toBe(false)
    const paths = r.error!.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['threshold', 'forSeconds', 'scopeValue']))
  })

  it('sends no duration for an event rule', () => {
    expect(toDraft({ ...defaultValues(), name: 'b', metric: 'backup_failed' }).forSeconds).toBe(0)
  })

  it('sends a window only for the job-failures check, and scopes target checks to targets', () => {
    expect(toDraft({ ...defaultValues(), name: 'j', metric: 'job_failures', windowMinutes: '30' }).windowMinutes).toBe(30)
    expect(toDraft({ ...defaultValues(), name: 'l', windowMinutes: '30' }).windowMinutes).toBeUndefined()
    const wrong = ruleSchema.safeParse({ ...defaultValues(), name: 't', metric: 'target_free_percent', scope: 'CONNECTION', scopeValue: 'x' })
    expect(wrong.success).toBe(false)
    expect(wrong.error!.issues.map((i) => i.path.join('.'))).toContain('scope')
    const right = ruleSchema.safeParse({ ...defaultValues(), name: 't', metric: 'target_free_percent', scope: 'TARGET', scopeValue: 'local' })
    expect(right.success).toBe(true)
  })

  it('says how often a rule would have fired', () => {
    expect(firesText(0)).toBe('would not have fired')
    expect(firesText(1)).toBe('would have fired once')
    expect(firesText(3)).toBe('would have fired 3 times')
  })
})
