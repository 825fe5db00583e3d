// Types of the REST API. Where web/openapi.json (generated into api-schema.d.ts by `npm run gen:api`) describes
// a body, the type is derived from it, so a renamed or removed field breaks the build. springdoc marks response
// fields optional, so `Present` makes them required, except the ones the contract says may be absent or null.
import type { components, operations } from './api-schema'

type Schemas = components['schemas']

/** All fields of T required and non-null, except `Absent`, which may be missing or null. */
type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type Role = Schemas['Me']['role'] & string

export type Me = Present<Schemas['Me']>

export type CsrfToken = Present<Schemas['Csrf']>

export type LoginRequest = Schemas['LoginRequest']

export type ChangePasswordRequest = Schemas['PasswordChange']

export interface Page<T> {
  items: T[]
  page: number
  size: number
  totalElements: number
  totalPages: number
}

// Users
export type UserView = Present<Schemas['UserView']>
export type CreateUserRequest = Schemas['CreateUser']
export type UpdateUserRequest = Schemas['UpdateUser']

// API tokens
export type TokenView = Present<Schemas['TokenView'], 'lastUsedAt' | 'expiresAt' | 'revokedAt'>
export type CreateTokenRequest = Omit<Schemas['CreateToken'], 'expiresInDays'> & { expiresInDays?: number | null }
export type CreatedToken = Present<Schemas['CreatedToken'], 'expiresAt'>

// Audit
export type AuditRecordView = Present<Schemas['AuditRecordView'], 'sourceIp' | 'targetType' | 'targetId' | 'detail'>
export type AuditOutcome = AuditRecordView['outcome']

export type AuditQuery = NonNullable<operations['find']['parameters']['query']>

export type ChainVerification = Present<Schemas['Verification'], 'brokenAtSeq' | 'reason'>

// Connections
export type Engine = 'POSTGRESQL' | 'MYSQL' | 'SQLITE' | 'MONGODB'
export type SslMode = 'DISABLE' | 'REQUIRE' | 'VERIFY_CA' | 'VERIFY_FULL'
export type FailureCategory =
  | 'HOST_UNREACHABLE'
  | 'TIMEOUT'
  | 'AUTHENTICATION_FAILED'
  | 'DATABASE_NOT_FOUND'
  | 'TLS_ERROR'
  | 'UNSUPPORTED_SERVER'
  | 'INVALID_SETTINGS'
  | 'UNKNOWN'

export interface ConnectionRequest {
  name?: string
  description?: string | null
  url?: string
  engine?: Engine
  host?: string | null
  port?: number | null
  database?: string | null
  username?: string | null
  password?: string | null
  clearPassword?: boolean
  sslMode?: SslMode
  caCertificate?: string | null
  filePath?: string | null
  colour?: string
  active?: boolean
  shared?: boolean
  tags?: string[]
}

export interface ConnectionView {
  id: string
  name: string
  description: string | null
  engine: Engine
  host: string | null
  port: number | null
  database: string | null
  username: string | null
  hasPassword: boolean
  sslMode: SslMode
  hasCaCertificate: boolean
  filePath: string | null
  url: string | null
  colour: string
  active: boolean
  shared: boolean
  tags: string[]
  owner: { id: string; username: string }
  editable: boolean
  createdAt: string
  updatedAt: string
  lastUsedAt: string | null
}

export interface TestResult {
  success: boolean
  latencyMillis: number
  serverProduct?: string | null
  serverVersion?: string | null
  category?: FailureCategory | null
  message?: string | null
}

export interface ParsedUrl {
  engine: Engine
  host: string | null
  port: number | null
  database: string | null
  username: string | null
  hasPassword: boolean
  sslMode: SslMode
  filePath: string | null
}

export interface EngineInfo {
  engine: Engine
  displayName: string
  defaultPort: number | null
  defaultColour: string
}

export interface ProblemFieldError {
  field: string
  reason: string
}

export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: ProblemFieldError[]
}
