import { describe, expect, it } from 'vitest'
import { channelSchema, defaultValues, toDraft } from './schema'

describe('channelSchema', () => {
  it('needs a URL for a new webhook and refuses other schemes', () => {
    const v = { ...defaultValues(), name: 'hook' }
    expect(channelSchema().safeParse(v).success).toBe(false)
    expect(channelSchema().safeParse({ ...v, url: 'file:///etc/passwd' }).success).toBe(false)
    expect(channelSchema().safeParse({ ...v, url: 'https://example.com/hook' }).success).toBe(true)
  })

  it('sends only the fields of the type, leaving blank secrets out', () => {
    const draft = toDraft({ ...defaultValues(), name: 'hook', url: 'https://example.com/h', smtpHost: 'x' })
    expect(draft).toEqual({
      name: 'hook',
      type: 'WEBHOOK',
      enabled: true,
      failuresOnly: false,
      topics: ['BACKUP_FAILED', 'VERIFICATION_FAILED'],
      url: 'https://example.com/h',
      secret: undefined,
    })
  })

  it('splits email recipients', () => {
    const v = { ...defaultValues(), type: 'EMAIL' as const, name: 'm', smtpHost: 'smtp.example.com', mailFrom: 'a@b.c', mailTo: 'x@y.z, q@r.s' }
    expect(channelSchema().safeParse(v).success).toBe(true)
    expect(toDraft(v).mailTo).toEqual(['x@y.z', 'q@r.s'])
  })
})
