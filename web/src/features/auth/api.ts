import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiError } from '@/lib/api'
import type { ChangePasswordRequest, LoginRequest, Me, SignInOptions } from '@/lib/api-types'

export const meKey = ['auth', 'me'] as const

/** Set (in sessionStorage) when the session timed out, so the login page says why it is shown. */
export const SESSION_ENDED_KEY = 'steward.session-ended'

/** The logged-in user, or null when the session is missing or expired. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/auth/me')
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null
        throw e
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  })
}

/** Password login on or off, and the single sign-on providers (asked anonymously by the login page). */
export function useSignInOptions() {
  return useQuery({
    queryKey: ['auth', 'providers'],
    queryFn: () => api.get<SignInOptions>('/api/auth/providers'),
    staleTime: 5 * 60_000,
  })
}

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<Me>('/api/auth/login', body),
    onSuccess: (me) => {
      queryClient.clear()
      queryClient.setQueryData(meKey, me)
    },
  })
}

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      queryClient.clear()
      queryClient.setQueryData(meKey, null)
    },
  })
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<void>('/api/auth/password', body),
  })
}

export function useSignOutElsewhere() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/sessions/revoke-others'),
  })
}
