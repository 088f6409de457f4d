import { api } from '../../app/api.ts'

export interface NotificationView {
  id: number
  kind: string
  title: string
  body: string | null
  link: string | null
  createdAt: string
  readAt: string | null
}

export const notificationsApi = {
  list: (signal?: AbortSignal) => api.get<{ unread: number; items: NotificationView[] }>('/api/notifications', undefined, signal),
  read: (id: number) => api.post<{ updated: number }>(`/api/notifications/${id}/read`, {}),
  readAll: () => api.post<{ updated: number }>('/api/notifications/read-all', {}),
}
