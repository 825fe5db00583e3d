import { z } from 'zod'

export const passwordRule = z
  .string()
  .min(12, 'At least 12 characters')
  .max(256, 'At most 256 characters')

export const roleEnum = z.enum(['ADMIN', 'OPERATOR', 'VIEWER'])

export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3, 'At least 3 characters')
    .max(64, 'At most 64 characters')
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Lower-case letters, digits, . _ - (starting with a letter or digit)'),
  password: passwordRule,
  role: roleEnum,
})

export type CreateUserValues = z.infer<typeof createUserSchema>

export const resetPasswordSchema = z
  .object({ newPassword: passwordRule, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The passwords differ' })

export type ResetPasswordValues = z.infer<typeof resetPasswordSchema>

export const roleDescriptions = {
  ADMIN: 'Everything, including users and the audit chain',
  OPERATOR: 'Manage connections and run operations',
  VIEWER: 'Read only',
} as const
