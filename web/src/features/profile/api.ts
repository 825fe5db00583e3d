import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { meKey } from '@/features/auth/api'
import type { CreatedToken, CreateTokenRequest, TokenView } from '@/lib/api-types'

export const tokensKey = ['tokens'] as const

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: ({ signal }) => api.get<TokenView[]>('/api/tokens', undefined, signal) })
}

export function useCreateToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTokenRequest) => api.post<CreatedToken>('/api/tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  })
}

export function useRevokeToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (token: TokenView) => api.delete(`/api/tokens/${token.id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  })
}

export interface TwoFactorStatus {
  enabled: boolean
  recoveryCodesLeft: number
}

const twoFactorKey = ['auth', 'two-factor'] as const

export function useTwoFactor() {
  return useQuery({
    queryKey: twoFactorKey,
    queryFn: ({ signal }) => api.get<TwoFactorStatus>('/api/auth/two-factor', undefined, signal),
  })
}

export function useBeginTwoFactor() {
  return useMutation({
    mutationFn: () => api.post<{ secret: string; otpauthUri: string }>('/api/auth/two-factor/enrolment'),
  })
}

export function useConfirmTwoFactor() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/two-factor/enrolment/confirm', { code }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: twoFactorKey })
      // an enforced role's session opens up once enrolled
      await queryClient.invalidateQueries({ queryKey: meKey })
    },
  })
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (password: string) => api.post<void>('/api/auth/two-factor/disable', { password }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: twoFactorKey }),
  })
}
