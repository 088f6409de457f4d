/** Input the analytics cannot use: a stable code and a message for the user (Vietnamese). */
export class AnalyticsInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const invalid = (code: string, message: string) => new AnalyticsInputError(code, message)
