/** An expected failure with a stable code and a message for the user (Vietnamese first). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `Không tìm thấy ${what}.`)
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppError(403, 'FORBIDDEN', message)
export const outsideJurisdiction = () =>
  new AppError(403, 'UNIT_OUTSIDE_JURISDICTION', 'Đơn vị này nằm ngoài địa bàn bạn được phân quyền.')
export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details)
export const conflict = (code: string, message: string) => new AppError(409, code, message)
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.')
