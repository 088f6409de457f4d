import type { Permission, Role } from '../../../domain/access/roles.ts'
import type { PublicUser as ServerPublicUser, UserInput, UserPatch } from '../../../server/contexts/access/service.ts'
import { api, type Json } from '../../app/api.ts'

export type PublicUser = Json<ServerPublicUser>
export type UserCreate = UserInput
export type { UserPatch }

/** One role as GET /api/roles lists it (the route builds it from the domain's table). */
export interface RoleInfo {
  key: Role
  name: string
  nameEn: string
  permissions: Permission[]
}

export const accessApi = {
  users: (signal?: AbortSignal) => api.get<{ users: PublicUser[] }>('/api/users', undefined, signal).then((r) => r.users),
  user: (id: number, signal?: AbortSignal) => api.get<PublicUser>(`/api/users/${id}`, undefined, signal),
  roles: (signal?: AbortSignal) => api.get<{ roles: RoleInfo[] }>('/api/roles', undefined, signal).then((r) => r.roles),
  create: (body: UserCreate) => api.post<PublicUser>('/api/users', body),
  update: (id: number, body: UserPatch) => api.patch<PublicUser>(`/api/users/${id}`, body),
}
