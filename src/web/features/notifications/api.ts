import type { myNotifications } from '../../../server/contexts/notifications/service.ts'
import { api, type Json } from '../../app/api.ts'

export type NotificationList = Json<Awaited<ReturnType<typeof myNotifications>>>
export type NotificationView = NotificationList['items'][number]

export const notificationsApi = {
  list: (signal?: AbortSignal) => api.get<NotificationList>('/api/notifications', undefined, signal),
  read: (id: number) => api.post<{ updated: number }>(`/api/notifications/${id}/read`, {}),
  readAll: () => api.post<{ updated: number }>('/api/notifications/read-all', {}),
}
