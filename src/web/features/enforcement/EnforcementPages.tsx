import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { type InspectionOutcome, enforcementApi } from './api.ts'
import './enforcement.css'

// The enforcement screens are in Vietnamese only for now (the officers' language).

const SANCTIONS = [
  { value: '', label: 'Không có vi phạm' },
  { value: 'warning', label: 'Cảnh cáo' },
  { value: 'fine', label: 'Phạt tiền' },
  { value: 'suspension', label: 'Đình chỉ hoạt động' },
  { value: 'other', label: 'Biện pháp khác' },
]

/** The inspection of one facility on a phone: the checklist's items, the team, and a violation if any. */
export function InspectPage() {
  const { can } = useSession()
  const id = Number(useParams().id)
  const state = useApi(`enf:form:${id}`, (signal) => enforcementApi.form(id, signal))
  usePageTitle(state.data ? `Kiểm tra: ${state.data.facility.name}` : 'Kiểm tra cơ sở')
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [visitedOn, setVisitedOn] = useState(vnDate(new Date()))
  const [inspectors, setInspectors] = useState('')
  const [note, setNote] = useState('')
  const [sanction, setSanction] = useState('')
  const [description, setDescription] = useState('')
  const [legalBasis, setLegalBasis] = useState('Nghị định 117/2020/NĐ-CP')
  const [fine, setFine] = useState('')
  const [outcome, setOutcome] = useState<InspectionOutcome | null>(null)
  if (!can('enforcement:write')) return <NotAllowed />
  return (
    <Loaded state={state}>
      {(f) => {
        const missing = [
          ...(inspectors.trim() ? [] : ['Đoàn kiểm tra']),
          ...(f.checklist.items.every((i) => answers[i.id]) ? [] : ['Trả lời mọi tiêu chí']),
          ...(sanction && !description.trim() ? ['Hành vi vi phạm'] : []),
          ...(sanction === 'fine' && !/^\d+$/.test(fine) ? ['Số tiền phạt'] : []),
        ]
        return (
          <main className="enf-inspect">
            <h1 id="page-title">Kiểm tra: {f.facility.name}</h1>
            <p>
              {f.facility.address ? `${f.facility.address}, ` : ''}
              {f.facility.unitName} — bộ tiêu chí: {f.checklist.name}
            </p>
            {outcome ? (
              <section role="status" data-testid="enf-result">
                <p>
                  Kết quả kiểm tra: <strong>{outcome.result.bandLabel}</strong> ({outcome.result.points}/{outcome.result.max} điểm, {outcome.result.percent}%). Kết quả này được hiển thị trên bản đồ
                  công khai thay cho kết quả tự đánh giá đến ngày {day(outcome.result.validUntil)}.
                </p>
                {outcome.violationIds.map((v) => (
                  <p key={v}>
                    <Link to={`/kiem-tra/vi-pham/${v}`}>Vi phạm #{v}: theo dõi khắc phục</Link>
                  </p>
                ))}
              </section>
            ) : (
              <FormShell
                onSubmit={async () => {
                  setOutcome(
                    await enforcementApi.inspect({
                      facilityId: f.facility.id,
                      visitedOn,
                      inspectors: inspectors.trim(),
                      answers,
                      note: note.trim() || null,
                      violations: sanction
                        ? [{ description: description.trim(), legalBasis: legalBasis.trim(), sanction, fineAmount: sanction === 'fine' ? Number(fine) : null }]
                        : [],
                    }),
                  )
                  state.reload()
                }}
                submitLabel="Ghi kết quả kiểm tra"
                canSubmit={missing.length === 0}
                missing={missing}
                aria-label="Phiếu kiểm tra"
              >
                <DateInput label="Ngày kiểm tra" value={visitedOn} onChange={setVisitedOn} required />
                <TextField label="Đoàn kiểm tra" value={inspectors} onChange={setInspectors} required maxLength={500} />
                {f.checklist.items.map((i) => (
                  <SelectField
                    key={i.id}
                    label={`${i.critical ? '(Bắt buộc) ' : ''}${i.text}`}
                    value={answers[i.id] ?? ''}
                    onChange={(v) => setAnswers((a) => ({ ...a, [i.id]: v }))}
                    options={[{ value: '', label: '— Chọn —' }, ...i.options.map((o) => ({ value: o.id, label: o.label }))]}
                  />
                ))}
                <TextAreaField label="Ghi chú" value={note} onChange={setNote} maxLength={2000} />
                <SelectField label="Xử lý vi phạm" value={sanction} onChange={setSanction} options={SANCTIONS} />
                {sanction ? (
                  <>
                    <TextAreaField label="Hành vi vi phạm" value={description} onChange={setDescription} required maxLength={2000} />
                    <TextField label="Căn cứ pháp lý" value={legalBasis} onChange={setLegalBasis} required maxLength={500} />
                    {sanction === 'fine' ? <TextField label="Số tiền phạt (đồng)" value={fine} onChange={setFine} inputMode="numeric" required /> : null}
                  </>
                ) : null}
              </FormShell>
            )}
          </main>
        )
      }}
    </Loaded>
  )
}

/** Violations of an area (open first, by due date) and the emulation count per body. */
export function EnforcementPage() {
  const { can } = useSession()
  usePageTitle('Kiểm tra, xử lý vi phạm')
  const list = useListParams(['unit'] as const)
  const unit = list.values.unit
  const q = unit ? { unit, limit: 200 } : { limit: 200 }
  const violations = useApi(`enf:violations:${list.key}`, (signal) => enforcementApi.violations(q, signal))
  const emulation = useApi(`enf:emulation:${list.key}`, (signal) => enforcementApi.emulation(unit ? { unit } : {}, signal))
  if (!can('enforcement:read')) return <NotAllowed />
  return (
    <>
      <h1 id="page-title">Kiểm tra, xử lý vi phạm</h1>
      <FilterForm onSubmit={list.submit} submitLabel="Xem">
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
      </FilterForm>
      <Loaded state={violations}>
        {(d) => (
          <DataTable
            caption={`Vi phạm (${formatNumber(d.total)})`}
            rows={d.violations}
            rowKey={(v) => v.id}
            empty="Không có vi phạm."
            testId="enf-violations"
            columns={[
              { key: 'facility', header: 'Cơ sở', cell: (v) => <Link to={`/kiem-tra/vi-pham/${v.id}`}>{v.facilityName}</Link> },
              { key: 'what', header: 'Hành vi', cell: (v) => v.description },
              { key: 'who', header: 'Người chịu trách nhiệm', cell: (v) => v.responsibleName },
              { key: 'sanction', header: 'Xử lý', cell: (v) => `${v.sanctionLabel}${v.fineAmount ? ` ${formatNumber(v.fineAmount)} đ` : ''}` },
              { key: 'due', header: 'Hạn khắc phục', cell: (v) => (v.dueOn ? day(v.dueOn) : '—') },
              { key: 'status', header: 'Trạng thái', cell: (v) => (v.status === 'open' ? 'Đang theo dõi' : `Đã khắc phục ${v.closedOn ? day(v.closedOn) : ''}`) },
            ]}
          />
        )}
      </Loaded>
      <Loaded state={emulation}>
        {(d) => (
          <DataTable
            caption="Thi đua: khen thưởng, kỷ luật theo cơ quan, đơn vị"
            rows={d.bodies}
            rowKey={(b) => b.orgId}
            empty="Chưa có."
            columns={[
              { key: 'org', header: 'Cơ quan, đơn vị', cell: (b) => b.orgName },
              { key: 'c', header: 'Khen thưởng', numeric: true, cell: (b) => formatNumber(b.commendations) },
              { key: 'd', header: 'Kỷ luật', numeric: true, cell: (b) => formatNumber(b.disciplines) },
              { key: 'latest', header: 'Gần nhất', cell: (b) => (b.latest ? day(b.latest) : '—') },
            ]}
          />
        )}
      </Loaded>
    </>
  )
}

/** A violation and its follow-up until closed. */
export function ViolationPage() {
  const { can } = useSession()
  const id = Number(useParams().id)
  const state = useApi(`enf:violation:${id}`, (signal) => enforcementApi.violation(id, signal))
  usePageTitle(`Vi phạm #${id}`)
  const [on, setOn] = useState(vnDate(new Date()))
  const [note, setNote] = useState('')
  const [closes, setCloses] = useState(false)
  if (!can('enforcement:read')) return <NotAllowed />
  return (
    <Loaded state={state}>
      {(v) => (
        <>
          <p>
            <Link to="/kiem-tra">← Kiểm tra, xử lý vi phạm</Link>
          </p>
          <h1 id="page-title">Vi phạm tại {v.facilityName}</h1>
          <FactList
            facts={[
              { label: 'Trạng thái', value: v.status === 'open' ? 'Đang theo dõi' : 'Đã khắc phục', testId: 'enf-status' },
              { label: 'Hành vi', value: v.description },
              { label: 'Căn cứ pháp lý', value: v.legalBasis },
              { label: 'Người đứng đầu chịu trách nhiệm', value: `${v.responsibleName}${v.responsibleTitle ? `, ${v.responsibleTitle}` : ''}` },
              { label: 'Hình thức xử lý', value: `${v.sanctionLabel}${v.fineAmount ? `: ${formatNumber(v.fineAmount)} đồng` : ''}${v.sanctionNote ? ` — ${v.sanctionNote}` : ''}` },
              v.dueOn ? { label: 'Hạn khắc phục', value: day(v.dueOn) } : null,
            ]}
          />
          <DataTable
            caption="Theo dõi khắc phục"
            rows={v.followups}
            rowKey={(x) => x.id}
            empty="Chưa có."
            columns={[
              { key: 'on', header: 'Ngày', cell: (x) => day(x.onDate) },
              { key: 'note', header: 'Nội dung', cell: (x) => `${x.note}${x.closes ? ' (kết thúc)' : ''}` },
            ]}
          />
          {v.status === 'open' && can('enforcement:write') ? (
            <FormShell
              onSubmit={async () => {
                await enforcementApi.followUp(v.id, { on, note: note.trim(), closes })
                setNote('')
                setCloses(false)
                state.reload()
              }}
              submitLabel="Ghi theo dõi"
              canSubmit={note.trim() !== ''}
              missing={['Nội dung']}
              aria-label="Theo dõi khắc phục"
            >
              <DateInput label="Ngày" value={on} onChange={setOn} required />
              <TextAreaField label="Nội dung" value={note} onChange={setNote} required maxLength={2000} />
              <CheckboxField label="Đã khắc phục, kết thúc theo dõi" checked={closes} onChange={setCloses} />
            </FormShell>
          ) : null}
        </>
      )}
    </Loaded>
  )
}
