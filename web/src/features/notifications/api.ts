import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { ChannelDraft, ChannelTestResult, ChannelView, DeliveryView, Page } from '@/lib/api-types'

export const channelsKey = ['notification-channels'] as const
export const deliveriesKey = ['notification-deliveries'] as const

export function useChannels() {
  return useQuery({
    queryKey: channelsKey,
    queryFn: ({ signal }) => api.get<ChannelView[]>('/api/notification-channels', undefined, signal),
  })
}

export function useSaveChannel() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ChannelDraft }) =>
      id
        ? api.put<ChannelView>(`/api/notification-channels/${id}`, body)
        : api.post<ChannelView>('/api/notification-channels', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
  })
}

export function useDeleteChannel() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/notification-channels/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsKey }),
  })
}

export function useTestChannel() {
  return useMutation({
    mutationFn: (id: string) => api.post<ChannelTestResult>(`/api/notification-channels/${id}/test`),
  })
}

export function useDeliveries(page: number, size: number) {
  return useQuery({
    queryKey: [...deliveriesKey, page, size],
    queryFn: ({ signal }) => api.get<Page<DeliveryView>>('/api/notifications/deliveries', { page, size }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  })
}
