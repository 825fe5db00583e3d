import { z } from 'zod'
import type { ChannelDraft, ChannelType, ChannelView, NotificationTopic, SmtpSecurity } from '@/lib/api-types'

export const channelTypes: ChannelType[] = ['EMAIL', 'WEBHOOK', 'SLACK', 'TEAMS', 'DISCORD', 'TELEGRAM']

export const channelTypeLabels: Record<ChannelType, string> = {
  EMAIL: 'Email (SMTP)',
  WEBHOOK: 'Webhook (JSON)',
  SLACK: 'Slack',
  TEAMS: 'Microsoft Teams',
  DISCORD: 'Discord',
  TELEGRAM: 'Telegram',
}

/** Topics in the order the form lists them, with whether a "failures only" channel still gets them. */
export const topics: { topic: NotificationTopic; label: string; failure: boolean }[] = [
  { topic: 'BACKUP_FAILED', label: 'Backup failed', failure: true },
  { topic: 'BACKUP_SUCCEEDED', label: 'Backup succeeded', failure: false },
  { topic: 'BACKUP_CANCELLED', label: 'Backup cancelled', failure: false },
  { topic: 'VERIFICATION_FAILED', label: 'Verification or test restore failed', failure: true },
  { topic: 'SCHEDULE_MISSED', label: 'Scheduled run missed or late', failure: true },
  { topic: 'RETENTION_DELETED', label: 'Retention deleted backups', failure: false },
  { topic: 'STORAGE_UNREACHABLE', label: 'Storage target unreachable', failure: true },
  { topic: 'ALERT', label: 'Monitoring alert', failure: true },
]

const topicEnum = z.enum(topics.map((t) => t.topic) as [NotificationTopic, ...NotificationTopic[]])
const httpUrl = /^https?:\/\/[^\s/?#]+/i

export function channelSchema(existing?: ChannelView) {
  return z
    .object({
      name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
      type: z.enum(channelTypes as [ChannelType, ...ChannelType[]]),
      enabled: z.boolean(),
      failuresOnly: z.boolean(),
      topics: z.array(topicEnum),
      url: z.string().trim().max(2000),
      secret: z.string().max(500),
      smtpHost: z.string().trim().max(255),
      smtpPort: z.string().trim().regex(/^\d{0,5}$/, 'A port number'),
      smtpSecurity: z.enum(['NONE', 'STARTTLS', 'SSL']),
      smtpUsername: z.string().trim().max(255),
      smtpPassword: z.string().max(500),
      mailFrom: z.string().trim().max(320),
      mailTo: z.string().trim().max(4000),
      botToken: z.string().trim().max(200),
      chatId: z.string().trim().max(64),
    })
    .superRefine((v, ctx) => {
      const need = (path: keyof typeof v, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (v.type === 'EMAIL') {
        if (!v.smtpHost) need('smtpHost', 'Required')
        if (!v.mailFrom.includes('@')) need('mailFrom', 'An email address')
        if (recipients(v.mailTo).length === 0) need('mailTo', 'At least one address')
        else if (recipients(v.mailTo).some((a) => !a.includes('@'))) need('mailTo', 'Email addresses, separated by commas')
      } else if (v.type === 'TELEGRAM') {
        if (!v.botToken && !existing?.hasBotToken) need('botToken', 'Required')
        if (!v.chatId) need('chatId', 'Required')
        if (v.url && !httpUrl.test(v.url)) need('url', 'An http or https URL')
      } else {
        if (!v.url && !existing?.hasUrl) need('url', 'Required')
        if (v.url && !httpUrl.test(v.url)) need('url', 'An http or https URL')
      }
    })
}

export type ChannelValues = z.infer<ReturnType<typeof channelSchema>>

function recipients(text: string) {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean)
}

export function defaultValues(channel?: ChannelView): ChannelValues {
  return {
    name: channel?.name ?? '',
    type: channel?.type ?? 'WEBHOOK',
    enabled: channel?.enabled ?? true,
    failuresOnly: channel?.failuresOnly ?? false,
    topics: channel?.topics ?? ['BACKUP_FAILED', 'VERIFICATION_FAILED'],
    url: '',
    secret: '',
    smtpHost: channel?.smtpHost ?? '',
    smtpPort: channel?.smtpPort != null ? String(channel.smtpPort) : '',
    smtpSecurity: (channel?.smtpSecurity ?? 'STARTTLS') as SmtpSecurity,
    smtpUsername: channel?.smtpUsername ?? '',
    smtpPassword: '',
    mailFrom: channel?.mailFrom ?? '',
    mailTo: channel?.mailTo.join(', ') ?? '',
    botToken: '',
    chatId: channel?.chatId ?? '',
  }
}

/** The request body: only the fields of the channel's type; secrets left blank are left out (kept when editing). */
export function toDraft(v: ChannelValues): ChannelDraft {
  const secret = (s: string) => (s ? s : undefined)
  const base: ChannelDraft = {
    name: v.name,
    type: v.type,
    enabled: v.enabled,
    failuresOnly: v.failuresOnly,
    topics: v.topics,
  }
  switch (v.type) {
    case 'EMAIL':
      return {
        ...base,
        smtpHost: v.smtpHost,
        smtpPort: v.smtpPort ? Number(v.smtpPort) : undefined,
        smtpSecurity: v.smtpSecurity,
        smtpUsername: v.smtpUsername || undefined,
        smtpPassword: secret(v.smtpPassword),
        mailFrom: v.mailFrom,
        mailTo: recipients(v.mailTo),
      }
    case 'TELEGRAM':
      return { ...base, url: secret(v.url), botToken: secret(v.botToken), chatId: v.chatId }
    case 'WEBHOOK':
      return { ...base, url: secret(v.url), secret: secret(v.secret) }
    default:
      return { ...base, url: secret(v.url) }
  }
}
