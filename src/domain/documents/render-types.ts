import type { DocumentSystem, DocumentType, Secrecy, SigningAuthority, Urgency } from './types.ts'

/** A directive laid out for the official Word document (Decree 30/2020/NĐ-CP, Guidance 36-HD/VPTW). */
export interface DirectiveForRender {
  system: DocumentSystem
  /** The level above the issuer in the header, e.g. "ĐẢNG BỘ TỈNH AN GIANG" or "UBND TỈNH AN GIANG"; null when none. */
  issuerParent: string | null
  /** The issuing body as printed in the header, e.g. "TỈNH ỦY", "BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH". */
  issuer: string
  type: DocumentType
  /** "12-CV/TU" or "1699/CĐ-UBND". */
  symbol: string
  place: string
  /** ISO yyyy-mm-dd. */
  date: string
  urgency: Urgency | null
  secrecy: Secrecy | null
  summary: string
  addressees: string[]
  /** Paragraphs of the body; numbered tasks are paragraphs starting with their number. */
  body: string[]
  recipients: string[]
  signing: {
    authority: SigningAuthority | null
    /** Who the signer acts for: "BAN THƯỜNG VỤ", "ỦY BAN NHÂN DÂN", "BAN CHỈ ĐẠO". */
    actingFor: string | null
    position: string
    signer: string
  }
}

export type TaskStatus = 'done' | 'on_time' | 'late' | 'not_started'
export const TASK_STATUS_LABELS: Record<TaskStatus, { vi: string; en: string }> = {
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  on_time: { vi: 'Đang thực hiện, đúng hạn', en: 'On time' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  not_started: { vi: 'Chưa triển khai', en: 'Not started' },
}

/** One task × assigned body of the synthesis table, in report order. */
export interface SynthesisLine {
  symbol: string
  date: string | null
  summary: string
  ref: string
  task: string
  deadline: string | null
  org: string
  role: 'lead' | 'coordinating'
  status: TaskStatus
  head: string | null
  headPosition: string | null
  percent: number | null
  lastReport: string | null
  lastReportDate: string | null
}

/** The Office's synthesis report on implementation (báo cáo tình hình thực hiện). */
export interface SynthesisReport {
  issuer: string
  issuerParent: string | null
  place: string
  /** ISO date of the report. */
  date: string
  period: { from: string; to: string }
  title: string
  totals: Record<TaskStatus, number> & { directives: number; assignments: number }
  /** Every task and assigned body, when the period is small enough to list them (otherwise empty, and `large` is set). */
  directives: {
    symbol: string
    date: string | null
    summary: string
    tasks: {
      ref: string
      text: string
      lead: string[]
      coordinating: string[]
      deadline: string | null
      /** One row per assigned body. */
      assignments: Pick<SynthesisLine, 'org' | 'role' | 'status' | 'head' | 'headPosition' | 'percent' | 'lastReport' | 'lastReportDate'>[]
    }[]
  }[]
  /**
   * A period too large to list task by task: the counts by month of the directives' dates and the
   * directives with the most late work, one line each. The Excel table has every row.
   */
  large: {
    byMonth: ({ month: string } & Record<TaskStatus, number>)[]
    mostLate: ({ symbol: string; date: string | null; summary: string; tasks: number; assignments: number } & Record<TaskStatus, number>)[]
  } | null
  /** All late assignments of the period; `overdue` lists the longest delays among them. */
  overdueTotal: number
  overdue: {
    symbol: string
    taskRef: string
    taskText: string
    org: string
    head: string | null
    headPosition: string | null
    dueDate: string
    daysLate: number
  }[]
  byOrg: ({ org: string } & Record<TaskStatus, number>)[]
  signing: { authority: SigningAuthority | null; actingFor: string | null; position: string; signer: string }
}
