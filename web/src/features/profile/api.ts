import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
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
