import type { TestApp } from '../../../test/harness.ts'
import { storeFile } from '../../platform/fileStore.ts'
import { createPerson } from '../people/service.ts'
import { addDose } from './records.ts'

/** What the vaccination route samples act on. */
export interface VaccinationFixtures {
  /** A dose table owned by the samples' caller, for the import sample. */
  tableUploadId: number
  /** A table of denominators owned by the samples' caller, for the denominators' import sample. */
  populationsUploadId: number
  /** A person of the commune with two doses (the first to correct, the second to delete), and one without doses. */
  records: { personId: number; firstId: number; secondId: number; freshPersonId: number; uploadId: number }
}

export async function vaccinationFixtures(t: TestApp, ownerId: number, unitCode: string): Promise<VaccinationFixtures> {
  const table = await storeFile(t.database.db, {
    purpose: 'table',
    fileName: 'mui-tiem.csv',
    content: Buffer.from(`Mã xã,Ngày,Nhóm tuổi,Nhóm nguy cơ,Vắc xin,Mũi,Số mũi\n${unitCode},01/11/2026,18-49,,pfizer,1,10\n`),
    createdBy: ownerId,
    unitPath: '/',
    expiresAt: new Date(Date.now() + 86_400_000 * 365),
  })
  const populations = await storeFile(t.database.db, {
    purpose: 'table',
    fileName: 'dan-so.csv',
    content: Buffer.from(`Mã xã,18-49,65+,Nguy cơ cao\n${unitCode},5000,900,300\n`),
    createdBy: ownerId,
    unitPath: '/',
    expiresAt: new Date(Date.now() + 86_400_000 * 365),
  })
  const person = await createPerson(t.ctx, { fullName: 'Trần Thị Tiêm Mẫu', birthYear: 1975, sex: 'female', unitCode, confirmedNew: true })
  const fresh = await createPerson(t.ctx, { fullName: 'Lê Văn Chưa Tiêm', birthYear: 1990, sex: 'male', unitCode, confirmedNew: true })
  const first = await addDose(t.ctx, person.id, { doseDate: '2026-10-01', product: 'pfizer', dose: '1', unitCode })
  const second = await addDose(t.ctx, person.id, { doseDate: '2026-10-29', product: 'pfizer', dose: '2', unitCode })
  const recordsTable = await storeFile(t.database.db, {
    purpose: 'table',
    fileName: 'mui-tiem-theo-nguoi.csv',
    content: Buffer.from(`full_name,birth_year,sex,national_id,phone,commune_code,dose_date,product,dose,lot,risk_group\nPhạm Văn Nhập,1970,Nam,,,${unitCode},01/11/2026,pfizer,1,,\n`),
    createdBy: ownerId,
    unitPath: '/',
    expiresAt: new Date(Date.now() + 86_400_000 * 365),
  })
  return {
    tableUploadId: table.id,
    populationsUploadId: populations.id,
    records: { personId: person.id, firstId: first.id, secondId: second.id, freshPersonId: fresh.id, uploadId: recordsTable.id },
  }
}

export function vaccinationSamples(f: VaccinationFixtures, unitCode: string) {
  return {
    'GET /api/vaccination/reference': { url: '/api/vaccination/reference' },
    'POST /api/vaccination/doses': { url: '/api/vaccination/doses', body: { unitCode, date: '2026-11-20', entries: [{ ageGroup: '18-49', riskGroup: 'none', product: 'pfizer', dose: '1', doses: 12 }] } },
    'GET /api/vaccination/doses': { url: `/api/vaccination/doses?unit=${unitCode}&date=2026-11-20` },
    'GET /api/vaccination/daily': { url: `/api/vaccination/daily?unit=${unitCode}&from=2026-11-01&to=2026-11-25` },
    'GET /api/vaccination/populations': { url: `/api/vaccination/populations?unit=${unitCode}` },
    'PUT /api/vaccination/populations': { url: '/api/vaccination/populations', body: { unitCode, populations: { '65+': 900 }, source: 'Số liệu mẫu của xã' } },
    'GET /api/vaccination/targets': { url: `/api/vaccination/targets?unit=${unitCode}` },
    'POST /api/vaccination/targets': {
      url: '/api/vaccination/targets',
      body: { unitCode, name: 'Mục tiêu mẫu', measure: 'fully', ageGroups: ['18-49', '50-64', '65+'], share: 0.95, startsOn: '2026-11-01', deadline: '2026-12-31' },
    },
    'GET /api/vaccination/coverage': { url: `/api/vaccination/coverage?unit=${unitCode}&date=2026-11-25` },
    'POST /api/vaccination/imports': { url: '/api/vaccination/imports', body: { uploadId: f.tableUploadId } },
    'POST /api/vaccination/populations/imports': { url: '/api/vaccination/populations/imports', body: { uploadId: f.populationsUploadId } },
    'GET /api/vaccination/people/:id/doses': { url: `/api/vaccination/people/${f.records.personId}/doses` },
    'POST /api/vaccination/people/:id/doses': { url: `/api/vaccination/people/${f.records.freshPersonId}/doses`, body: { doseDate: '2026-11-20', product: 'astrazeneca', dose: '1', unitCode, lot: 'MAU-01' } },
    'PATCH /api/vaccination/records/:id': { url: `/api/vaccination/records/${f.records.firstId}`, body: { lot: 'MAU-02' } },
    'DELETE /api/vaccination/records/:id': { url: `/api/vaccination/records/${f.records.secondId}` },
    'POST /api/vaccination/records/imports': { url: '/api/vaccination/records/imports', body: { uploadId: f.records.uploadId } },
    'GET /api/vaccination/records/template.csv': { url: '/api/vaccination/records/template.csv' },
  }
}
