import { type ReactNode, useEffect, useId, useRef } from 'react'
import { CancelButton } from '../../ui/FormShell.tsx'

interface Props {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  pending?: boolean
  onConfirm: () => void
  onClose: () => void
}

/** A modal question; the browser's <dialog> keeps focus inside and closes on Escape. */
export function ConfirmDialog({ open, title, children, confirmLabel, pending, onConfirm, onClose }: Props) {
  const id = useId()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </button>
        <CancelButton onCancel={onClose} />
      </div>
    </dialog>
  )
}
