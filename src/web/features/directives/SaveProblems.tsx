import { ErrorMessage } from '../../ui/ErrorMessage.tsx'

/** Why a document was not saved: what the form still lacks, or what the server refused. */
export function SaveProblems({ missing, error }: { missing: string[]; error: unknown }) {
  return (
    <>
      {missing.length ? (
        <div className="alert alert-error" role="alert">
          <ul className="plain-list">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorMessage error={error} />
    </>
  )
}
