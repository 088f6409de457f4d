import { useId, useState } from 'react'
import { fileProblem, uploadFile } from '../../app/files.ts'
import { useT } from '../../app/i18n.tsx'
import { TextAreaField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { directivesApi, type ParseResult, type UploadedFile } from './api.ts'

/** A document read by the server, with the file it came from (kept to be saved with it). */
export type ReadDocument = ParseResult & { file: UploadedFile | null }

const ACCEPT = '.docx,.pdf,.txt,.md,application/pdf,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** First step of an import: the document's text pasted, or its file chosen; the server reads it. */
export function ImportSource({ onParsed }: { onParsed: (r: ReadDocument) => void }) {
  const t = useT()
  const id = useId()
  const [text, setText] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const problem = file ? fileProblem(file, 'document') : null

  const submit = async () => {
    if (file) {
      const sent = await uploadFile(file, 'document')
      const upload = { uploadId: sent.id, fileName: sent.fileName }
      onParsed({ ...(await directivesApi.parse({ uploadId: sent.id })), file: upload })
    } else {
      onParsed({ ...(await directivesApi.parse({ text })), file: null })
    }
  }

  return (
    <FormShell className="card import-source" onSubmit={submit} submitLabel={t('dir.read')} pendingLabel={t('dir.reading')} canSubmit={(!!file && !problem) || (!file && !!text.trim())}>
      <p>{t('dir.importIntro')}</p>
      <TextAreaField label={t('dir.pasteLabel')} hint={t('dir.pasteHint')} value={text} onChange={setText} rows={14} disabled={!!file} className="paste-area" />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('dir.fileLabel')}</label>
        <input id={`${id}-file`} type="file" accept={ACCEPT} aria-describedby={`${id}-hint`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p className="hint" id={`${id}-hint`}>
          {t('dir.fileHint')}
        </p>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </FormShell>
  )
}
