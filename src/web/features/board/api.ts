import type { BoardView as ServerBoardView } from '../../../server/contexts/board/service.ts'
import { api, type Json } from '../../app/api.ts'

export type BoardView = Json<ServerBoardView>

export const boardApi = {
  board: (unit: string | undefined, signal?: AbortSignal) => api.get<BoardView>('/api/board', unit ? { unit } : undefined, signal),
}
