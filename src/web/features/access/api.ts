import type { Permission, Role } from '../../../domain/access/roles.ts'
import { api } from '../../app/api.ts'

export interface PublicUser {
  id: number
  username: string
  displayName: string
  role: Role
  unitId: string
  unitName: string
  orgId: number | null
  orgName: string | null
  active: boolean
  locale: string
  lockedUntil: string | null
  lastLoginAt: string | null
}

export interface RoleInfo {
  key: Role
  name: string
  nameEn: string
  permissions: Permission[]
}

export interface UserCreate {
  username: string
  password: string
  displayName: string
  role: Role
  unitCode: string
  orgId: number | null
}

export type UserPatch = Partial<Omit<UserCreate, 'username'>> & { active?: boolean }

export const accessApi = {
  users: (signal?: AbortSignal) => api.get<{ users: PublicUser[] }>('/api/users', undefined, signal).then((r) => r.users),
  user: (id: number, signal?: AbortSignal) => api.get<PublicUser>(`/api/users/${id}`, undefined, signal),
  roles: (signal?: AbortSignal) => api.get<{ roles: RoleInfo[] }>('/api/roles', undefined, signal).then((r) => r.roles),
  create: (body: UserCreate) => api.post<PublicUser>('/api/users', body),
  update: (id: number, body: UserPatch) => api.patch<PublicUser>(`/api/users/${id}`, body),
}
