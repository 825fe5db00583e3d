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

export type SessionTimes = Present<Schemas['SessionTimes']>

/** `session`: the cookie session's timeouts; absent for an API token. */
export type Me = Omit<Present<Schemas['Me']>, 'session'> & { session?: SessionTimes | null }

// Security settings
export type SecuritySettingsView = Present<
  Schemas['SecuritySettingsView'],
  'auditRetentionDays' | 'defaultMaxConsoleSessions' | 'defaultMaxRunningStatements'
>
export type SecuritySettingsUpdate = Omit<
  Schemas['SecuritySettingsUpdate'],
  'auditRetentionDays' | 'defaultMaxConsoleSessions' | 'defaultMaxRunningStatements' | 'roleAllowlists'
> & {
  auditRetentionDays: number | null
  defaultMaxConsoleSessions: number | null
  defaultMaxRunningStatements: number | null
  roleAllowlists: Partial<Record<Role, string[]>>
}

export type CsrfToken = Present<Schemas['Csrf']>

export type LoginRequest = Schemas['LoginRequest']

export type SignInProvider = Present<Schemas['SignInProvider']>

export type SignInOptions = Omit<Present<Schemas['SignInOptions']>, 'providers'> & { providers: SignInProvider[] }

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
/** `null`: the default of the security settings applies (and there, no limit). */
export interface UserLimits {
  maxConsoleSessions: number | null
  maxRunningStatements: number | null
}
export type UserLimitsView = Omit<Present<Schemas['LimitsView']>, 'overrides' | 'effective'> & {
  overrides: UserLimits
  effective: UserLimits
}
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
export type Engine = NonNullable<Schemas['ConnectionView']['engine']>
export type SslMode = NonNullable<Schemas['ConnectionView']['sslMode']>
export type FailureCategory = NonNullable<Schemas['TestResult']['category']>

/** Each field may be left out, and explicit nulls clear optional settings. */
type Nullable<T> = { [K in keyof T]?: T[K] | null }

export type ConnectionRequest = Nullable<Omit<Schemas['ConnectionRequest'], 'engine' | 'sslMode'>> & {
  engine?: Engine
  sslMode?: SslMode
}

/** A connection's SSH tunnel; the host key fingerprint is absent until the first connect pins it. */
export type SshView = Present<Schemas['SshView'], 'hostKeyFingerprint'>
export type SshAuthentication = SshView['authentication']

export type ConnectionView = Present<
  Omit<Schemas['ConnectionView'], 'owner' | 'ssh'>,
  'description' | 'host' | 'port' | 'database' | 'username' | 'filePath' | 'lastUsedAt'
> & { owner: Present<Schemas['Owner']>; ssh?: SshView | null }

export type TestResult = Present<Schemas['TestResult'], 'serverProduct' | 'serverVersion' | 'category' | 'message'>

export type ParsedUrl = Present<Schemas['ParsedConnectionUrl'], 'host' | 'port' | 'database' | 'username' | 'filePath'>

export type EngineInfo = Present<Schemas['EngineInfo'], 'defaultPort'>

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

// Catalog (the live browser, snapshots and search)
export type ObjectKind = NonNullable<Schemas['ObjectSummary']['kind']>

export type DatabaseInfo = Present<Schemas['DatabaseInfo'], 'sizeBytes' | 'comment'>

export type SchemaInfo = Present<Schemas['SchemaInfo'], 'owner' | 'comment'>

export type ObjectSummary = Present<
  Schemas['ObjectSummary'],
  'approxRows' | 'sizeBytes' | 'comment' | 'info' | 'parent' | 'hasPrimaryKey' | 'signature'
>

export type ColumnInfo = Present<
  Schemas['ColumnInfo'],
  'defaultValue' | 'identity' | 'generated' | 'collation' | 'comment' | 'observedTypes' | 'presence'
>

export type ConstraintInfo = Present<Schemas['ConstraintInfo'], 'definition'>

export type ForeignKeyInfo = Present<Schemas['ForeignKeyInfo']>

export type IndexInfo = Present<Schemas['IndexInfo'], 'method' | 'predicate' | 'definition' | 'sizeBytes'>

export type TriggerInfo = Present<Schemas['TriggerInfo'], 'action' | 'level'>

export type TableStats = Present<
  Schemas['TableStats'],
  | 'approxRows'
  | 'totalBytes'
  | 'tableBytes'
  | 'indexBytes'
  | 'toastBytes'
  | 'lastVacuum'
  | 'lastAutovacuum'
  | 'lastAnalyze'
  | 'lastAutoanalyze'
>

export type ObjectDetail = Present<
  Omit<Schemas['ObjectDetail'], 'summary' | 'columns' | 'constraints' | 'foreignKeys' | 'referencedBy' | 'indexes' | 'triggers' | 'stats'>,
  'definition'
> & {
  summary: ObjectSummary
  columns: ColumnInfo[]
  constraints: ConstraintInfo[]
  foreignKeys: ForeignKeyInfo[]
  referencedBy: ForeignKeyInfo[]
  indexes: IndexInfo[]
  triggers: TriggerInfo[]
  stats: TableStats
}

export type DdlView = Present<Schemas['DdlView']>

export type ExactCount = Present<Schemas['ExactCount']>

export type SyncResult = Present<Schemas['SyncResult']>

export type SnapshotView = Present<Schemas['SnapshotView'], 'diff'>

export type SearchHit = Present<Schemas['SearchHit'], 'column' | 'dataType'>

// Notifications
export type ChannelType = Schemas['ChannelView']['type'] & string
export type NotificationTopic = NonNullable<Schemas['ChannelView']['topics']>[number]
export type SmtpSecurity = NonNullable<Schemas['ChannelView']['smtpSecurity']>
export type ChannelView = Present<Schemas['ChannelView'], 'urlHost' | 'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'smtpUsername' | 'mailFrom' | 'chatId'>
export type ChannelDraft = Schemas['ChannelDraft']
export type ChannelTestResult = Present<Schemas['ChannelTestResult']>
export type DeliveryAttempt = Present<Schemas['DeliveryAttempt'], 'error'>
export type DeliveryView = Omit<Present<Schemas['DeliveryView'], 'nextAttemptAt' | 'finishedAt' | 'lastError'>, 'attemptLog'> & {
  attemptLog: DeliveryAttempt[]
}

// Storage targets
export type StorageTargetKind = Schemas['StorageTargetView']['kind'] & string
export type StorageTestStep = Present<Schemas['Step'], 'error'>
export type StorageTestResult = Present<Omit<Schemas['StorageTestResult'], 'steps'>> & { steps: StorageTestStep[] }
export type StorageTargetView = Present<
  Omit<Schemas['StorageTargetView'], 'lastTest'>,
  | 'path'
  | 'endpoint'
  | 'region'
  | 'bucket'
  | 'prefix'
  | 'pathStyle'
  | 'hasCredentials'
  | 'usableBytes'
  | 'totalBytes'
  | 'createdAt'
  | 'updatedAt'
  | 'backupCopies'
> & { lastTest?: StorageTestResult | null }
export type StorageTargetDraft = Schemas['StorageTargetDraft']

// Compliance
export type ComplianceCheck = Present<Schemas['CheckResult']>
export type CheckStatus = ComplianceCheck['status']
export type ReportSummary = Present<Schemas['ReportSummary']>
export type ComplianceReport = Omit<Present<Schemas['ComplianceReport'], 'id' | 'contentSha256'>, 'checks' | 'summary'> & {
  checks: ComplianceCheck[]
  summary: ReportSummary
}
export type ComplianceReportEntry = Omit<Present<Schemas['ReportEntry']>, 'summary'> & { summary: ReportSummary }
export type MaskKind = Schemas['MaskingPolicy']['mask'] & string
export type MaskingPolicy = Present<Schemas['MaskingPolicy'], 'connectionId' | 'database' | 'schema' | 'table' | 'column' | 'namePattern' | 'typePattern'>
export type PolicyDraft = Schemas['PolicyDraft']
export type PiiSuggestion = Present<Schemas['PiiSuggestion']>
export type PiiReport = Omit<Present<Schemas['PiiScanReport']>, 'suggestions'> & { suggestions: PiiSuggestion[] }
