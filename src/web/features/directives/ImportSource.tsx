import { type FormEvent, useId, useState } from 'react'
import { toBase64 } from '../../app/files.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { TextAreaField } from '../../ui/Field.tsx'
import { directivesApi, type ParsedDirective, type UploadedFile } from './api.ts'

export interface ParseResult {
  text: string
  parsed: ParsedDirective
  file: UploadedFile | null
}

const ACCEPT = '.docx,.pdf,.txt,.md,application/pdf,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** First step of an import: the document's text pasted, or its file chosen; the server reads it. */
export function ImportSource({ onParsed }: { onParsed: (r: ParseResult) => void }) {
  const t = useT()
  const id = useId()
  const [text, setText] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setPending(true)
    setError(null)
    try {
      if (file) {
        const upload = { fileName: file.name, contentBase64: await toBase64(file) }
        onParsed({ ...(await directivesApi.parse(upload)), file: upload })
      } else {
        onParsed({ ...(await directivesApi.parse({ text })), file: null })
      }
    } catch (err) {
      setError(err)
      setPending(false)
    }
  }

  return (
    <form className="card import-source" onSubmit={submit}>
      <p>{t('dir.importIntro')}</p>
      <TextAreaField label={t('dir.pasteLabel')} hint={t('dir.pasteHint')} value={text} onChange={setText} rows={14} disabled={!!file} className="paste-area" />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('dir.fileLabel')}</label>
        <input id={`${id}-file`} type="file" accept={ACCEPT} aria-describedby={`${id}-hint`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p className="hint" id={`${id}-hint`}>
          {t('dir.fileHint')}
        </p>
      </div>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={pending || (!file && !text.trim())}>
          {pending ? t('dir.reading') : t('dir.read')}
        </button>
      </div>
    </form>
  )
}
