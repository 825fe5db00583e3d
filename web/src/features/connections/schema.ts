import { z } from 'zod'
import type { ConnectionRequest, ConnectionView, Engine, SslMode } from '@/lib/api-types'

export const TAG_PATTERN = /^[A-Za-z0-9 _.-]{1,40}$/

const sslEnum = z.enum(['DISABLE', 'REQUIRE', 'VERIFY_CA', 'VERIFY_FULL'])
const sshAuthEnum = z.enum(['PASSWORD', 'PRIVATE_KEY'])
const portText = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), 'A port from 1 to 65535')

export const connectionFormSchema = z
  .object({
    mode: z.enum(['fields', 'url']),
    name: z.string().trim().min(1, 'Give the connection a name').max(100, 'At most 100 characters'),
    description: z.string().max(1000, 'At most 1000 characters'),
    engine: z.string().min(1, 'Choose an engine'),
    /** The engine's flag from GET /api/connections/engines: a file path instead of host, port and credentials. */
    fileBased: z.boolean(),
    host: z.string().trim().max(255, 'At most 255 characters'),
    port: portText,
    database: z.string().trim().max(255, 'At most 255 characters'),
    username: z.string().max(255, 'At most 255 characters'),
    password: z.string().max(1000, 'Too long'),
    clearPassword: z.boolean(),
    sslMode: sslEnum,
    caCertificate: z.string().max(20000, 'At most 20000 characters'),
    filePath: z.string().trim().max(4096, 'Too long'),
    url: z.string().trim().max(4096, 'Too long'),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour like #336791'),
    shared: z.boolean(),
    active: z.boolean(),
    browseAllDatabases: z.boolean(),
    tags: z.array(z.string().regex(TAG_PATTERN, 'Tags are 1–40 letters, digits, space, _ . -')).max(20, 'At most 20 tags'),
    sshEnabled: z.boolean(),
    sshHost: z.string().trim().max(255, 'At most 255 characters'),
    sshPort: portText,
    sshUsername: z.string().trim().max(255, 'At most 255 characters'),
    sshAuthentication: sshAuthEnum,
    sshPassword: z.string().max(1000, 'Too long'),
    sshPrivateKey: z.string().max(16000, 'At most 16000 characters'),
    sshPassphrase: z.string().max(1000, 'Too long'),
    sshClearHostKey: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.sshEnabled) {
      if (!v.sshHost) ctx.addIssue({ code: 'custom', path: ['sshHost'], message: 'Enter the SSH server' })
      if (!v.sshUsername) ctx.addIssue({ code: 'custom', path: ['sshUsername'], message: 'Enter the SSH user' })
    }
    if (v.mode === 'url') {
      if (!v.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'Paste a connection string' })
      return
    }
    if (v.fileBased) {
      if (!v.filePath) ctx.addIssue({ code: 'custom', path: ['filePath'], message: 'Enter the database file path' })
    } else if (!v.host) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'Enter the host name or address' })
    }
  })

export type ConnectionFormValues = z.infer<typeof connectionFormSchema>

/** The SSH tunnel's fields (in both modes: a connection string may be tunnelled too). */
export const sshFields: (keyof ConnectionFormValues)[] = [
  'sshHost',
  'sshPort',
  'sshUsername',
  'sshAuthentication',
  'sshPassword',
  'sshPrivateKey',
  'sshPassphrase',
]

/** Every field except the name, which an unsaved test does not need. */
export const testableFields: (keyof ConnectionFormValues)[] = [
  'engine',
  'host',
  'port',
  'database',
  'username',
  'password',
  'sslMode',
  'caCertificate',
  'filePath',
  'url',
  ...sshFields,
]

export function needsCaCertificate(sslMode: SslMode) {
  return sslMode === 'VERIFY_CA' || sslMode === 'VERIFY_FULL'
}

export function emptyForm(engine: Engine, colour: string, fileBased: boolean): ConnectionFormValues {
  return {
    mode: 'fields',
    name: '',
    description: '',
    engine,
    fileBased,
    host: fileBased ? '' : 'localhost',
    port: '',
    database: '',
    username: '',
    password: '',
    clearPassword: false,
    sslMode: 'DISABLE',
    caCertificate: '',
    filePath: '',
    url: '',
    colour,
    shared: false,
    active: true,
    browseAllDatabases: false,
    tags: [],
    ...noTunnel,
  }
}

const noTunnel = {
  sshEnabled: false,
  sshHost: '',
  sshPort: '',
  sshUsername: '',
  sshAuthentication: 'PASSWORD',
  sshPassword: '',
  sshPrivateKey: '',
  sshPassphrase: '',
  sshClearHostKey: false,
} satisfies Partial<ConnectionFormValues>

export function formFromView(c: ConnectionView): ConnectionFormValues {
  return {
    mode: 'fields',
    name: c.name,
    description: c.description ?? '',
    engine: c.engine,
    fileBased: c.filePath != null,
    host: c.host ?? '',
    port: c.port == null ? '' : String(c.port),
    database: c.database ?? '',
    username: c.username ?? '',
    password: '',
    clearPassword: false,
    sslMode: c.sslMode,
    caCertificate: '',
    filePath: c.filePath ?? '',
    url: c.url ?? '',
    colour: c.colour,
    shared: c.shared,
    active: c.active,
    browseAllDatabases: c.browseAllDatabases,
    tags: c.tags,
    ...(c.ssh
      ? {
          ...noTunnel,
          sshEnabled: true,
          sshHost: c.ssh.host,
          sshPort: String(c.ssh.port),
          sshUsername: c.ssh.username,
          sshAuthentication: c.ssh.authentication,
        }
      : noTunnel),
  }
}

/**
 * The tunnel part of a request: null without one (on PUT that removes it). Empty secrets are left out, which on
 * PUT keeps the stored ones; an unsaved test has no stored ones, so it sends what is typed.
 */
function sshRequest(v: ConnectionFormValues, opts: { editing: boolean; forTest?: boolean }): ConnectionRequest['ssh'] {
  if (!v.sshEnabled) return null
  const key = v.sshAuthentication === 'PRIVATE_KEY'
  return {
    host: v.sshHost.trim(),
    ...(v.sshPort !== '' && { port: Number(v.sshPort) }),
    username: v.sshUsername.trim(),
    authentication: v.sshAuthentication,
    ...(!key && v.sshPassword !== '' && { password: v.sshPassword }),
    ...(key && v.sshPrivateKey.trim() !== '' && { privateKey: v.sshPrivateKey.trim() }),
    ...(key && v.sshPassphrase !== '' && { passphrase: v.sshPassphrase }),
    ...(opts.editing && !opts.forTest && v.sshClearHostKey && { clearHostKey: true }),
  }
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim())

/**
 * The request body. `forTest` leaves out what only a save understands; `editing` sends clearPassword.
 * An empty password is left out, which on PUT keeps the stored one.
 */
export function toRequest(v: ConnectionFormValues, opts: { editing: boolean; forTest?: boolean }): ConnectionRequest {
  const common: ConnectionRequest = opts.forTest
    ? {}
    : {
        name: v.name.trim(),
        description: orNull(v.description),
        colour: v.colour,
        shared: v.shared,
        active: v.active,
        tags: v.tags,
      }
  // unticked sends nothing: the server then limits browsing to the database the connection names, if any
  if (!opts.forTest && !v.fileBased && v.browseAllDatabases) common.browseAllDatabases = true
  const password = v.password === '' ? undefined : v.password
  const ssh = sshRequest(v, opts)
  if (v.mode === 'url') {
    return { ...common, url: v.url.trim(), ...(password !== undefined && { password }), ssh }
  }
  if (v.fileBased) {
    return { ...common, engine: v.engine, filePath: v.filePath.trim() }
  }
  const body: ConnectionRequest = {
    ...common,
    engine: v.engine,
    host: orNull(v.host),
    port: v.port === '' ? null : Number(v.port),
    database: orNull(v.database),
    username: orNull(v.username),
    sslMode: v.sslMode,
    ssh,
  }
  if (opts.editing && !opts.forTest && v.clearPassword) body.clearPassword = true
  else if (password !== undefined) body.password = password
  if (needsCaCertificate(v.sslMode) && v.caCertificate.trim() !== '') body.caCertificate = v.caCertificate.trim()
  return body
}

/** Maps a server field name (e.g. "tags[2]", "port", "ssh.host") onto a form field, if the form has one. */
export function formFieldFor(serverField: string): keyof ConnectionFormValues | null {
  if (serverField === 'ssh') return 'sshEnabled'
  if (serverField.startsWith('ssh.')) {
    const name = `ssh${serverField.charAt(4).toUpperCase()}${serverField.slice(5)}` as keyof ConnectionFormValues
    return (sshFields as string[]).includes(name) ? name : null
  }
  const base = serverField.replace(/\[.*$/, '').replace(/\..*$/, '')
  const known: (keyof ConnectionFormValues)[] = [
    'name', 'description', 'engine', 'host', 'port', 'database', 'username', 'password',
    'sslMode', 'caCertificate', 'filePath', 'url', 'colour', 'tags', 'browseAllDatabases',
  ]
  return (known as string[]).includes(base) ? (base as keyof ConnectionFormValues) : null
}
