import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { CreateUserRequest, TokenView, UpdateUserRequest, UserLimits, UserLimitsView, UserView } from '@/lib/api-types'

export const usersKey = ['users'] as const

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: ({ signal }) => api.get<UserView[]>('/api/users', undefined, signal) })
}

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api.post<UserView>('/api/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserRequest }) => api.patch<UserView>(`/api/users/${id}`, body),
    onSuccess: (updated) =>
      queryClient.setQueryData<UserView[]>(usersKey, (list) => list?.map((u) => (u.id === updated.id ? updated : u))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useResetPassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      api.post<void>(`/api/users/${id}/password`, { newPassword }),
    // a reset also lifts a login lock
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useUnlockUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<UserView>(`/api/users/${id}/unlock`),
    onSuccess: (updated) =>
      queryClient.setQueryData<UserView[]>(usersKey, (list) => list?.map((u) => (u.id === updated.id ? updated : u))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export function useUserTokens(id: string | null) {
  return useQuery({
    queryKey: ['users', id, 'tokens'],
    queryFn: ({ signal }) => api.get<TokenView[]>(`/api/users/${id}/tokens`, undefined, signal),
    enabled: id != null,
  })
}

export function useRevokeUserTokens() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post<{ revoked: number }>(`/api/users/${id}/tokens/revoke`),
    onSettled: (_d, _e, id) => queryClient.invalidateQueries({ queryKey: ['users', id, 'tokens'] }),
  })
}

export function useUserLimits(id: string | null) {
  return useQuery({
    queryKey: ['users', id, 'limits'],
    queryFn: ({ signal }) => api.get<UserLimitsView>(`/api/users/${id}/limits`, undefined, signal),
    enabled: id != null,
  })
}

export function useSetUserLimits() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserLimits }) => api.put<UserLimitsView>(`/api/users/${id}/limits`, body),
    onSuccess: (view, { id }) => queryClient.setQueryData(['users', id, 'limits'], view),
  })
}
