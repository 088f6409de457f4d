import type { ReactNode } from 'react'
import { ApiError } from '../app/api.ts'
import { type MessageKey, useI18n } from '../app/i18n.tsx'
import type { ApiState } from '../app/useApi.ts'

// English for the server's stable error codes; the server's own messages are Vietnamese.
const ENGLISH: Record<string, MessageKey> = {
  INVALID_CREDENTIALS: 'error.invalidCredentials',
  TOO_MANY_REQUESTS: 'error.tooMany',
  FORBIDDEN: 'error.forbidden',
  UNIT_OUTSIDE_JURISDICTION: 'error.outside',
  ORG_OUTSIDE_JURISDICTION: 'error.orgOutside',
  ORG_OUTSIDE_USER_UNIT: 'error.orgOtherBranch',
  NOT_FOUND: 'error.notFound',
  NETWORK: 'error.network',
  CSRF: 'error.csrf',
  UNAUTHENTICATED: 'error.unauthenticated',
  VALIDATION: 'error.validation',
  INTERNAL: 'error.internal',
  BODY_TOO_LARGE: 'error.tooLarge',
  EMPTY_DOCUMENT: 'error.dir.emptyDocument',
  TASK_WITHOUT_LEAD: 'error.dir.taskWithoutLead',
  DUPLICATE_TASK_REF: 'error.dir.duplicateTaskRef',
  DATE_REQUIRED: 'error.dir.dateRequired',
  DIRECTIVE_EXISTS: 'error.dir.exists',
  ORG_NOT_FOUND: 'error.dir.orgNotFound',
  NOT_A_DRAFT: 'error.dir.notADraft',
  ISSUER_REQUIRED: 'error.dir.issuerRequired',
  ISSUER_CODE_REQUIRED: 'error.dir.issuerCodeRequired',
  NO_TASKS: 'error.dir.noTasks',
  NO_ASSIGNEES: 'error.dir.noAssignees',
  DONE_NEEDS_100: 'error.dir.doneNeeds100',
  ALREADY_REVIEWED: 'error.dir.alreadyReviewed',
  COMMENT_REQUIRED: 'error.dir.commentRequired',
}

/** What went wrong, in the interface language, and the server's own (Vietnamese) wording when it says more. */
export function useErrorText(): (error: unknown) => { text: string; detail: string | null } {
  const { locale, t } = useI18n()
  return (error) => {
    if (!(error instanceof ApiError)) return { text: t('error.unexpected'), detail: error instanceof Error ? error.message : null }
    const key = ENGLISH[error.code]
    if (locale === 'en') return { text: key ? t(key) : t('error.unexpected'), detail: error.message }
    return { text: error.message, detail: null }
  }
}

export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const describe = useErrorText()
  if (!error) return null
  const { text, detail } = describe(error)
  return (
    <div className="alert alert-error" role="alert" id={id}>
      <p>{text}</p>
      {detail && detail !== text ? (
        <p className="muted" lang="vi">
          {detail}
        </p>
      ) : null}
    </div>
  )
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n()
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  )
}

/** A notice for a screen the user's role does not open. */
export function NotAllowed() {
  const { t } = useI18n()
  return (
    <div className="alert alert-warning" role="alert">
      <p>{t('error.notAllowedScreen')}</p>
    </div>
  )
}

/** What a screen loads: a note while it first loads, the error if it failed, then `children` with the data. */
export function Loaded<T>({ state, children }: { state: ApiState<T>; children: (data: T) => ReactNode }) {
  return (
    <>
      {state.loading && state.data === undefined ? <Loading /> : null}
      <ErrorMessage error={state.error} />
      {state.data === undefined ? null : children(state.data)}
    </>
  )
}
