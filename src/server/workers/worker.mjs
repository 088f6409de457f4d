// Entry of a parsing worker thread: the TypeScript sources run through tsx, as on the main thread.
import { register } from 'tsx/esm/api'

register()
const tasks = await import('./tasks.ts')

export const readDirective = tasks.readDirective
export const populationFile = tasks.populationFile
export const boundaryFile = tasks.boundaryFile
export const render = tasks.render
export const xlsxTable = tasks.xlsxTable
export const surveillanceImport = tasks.surveillanceImport
export const safetyFacilities = tasks.safetyFacilities
export const vaccinationDoses = tasks.vaccinationDoses
export const vaccinationPopulations = tasks.vaccinationPopulations
export const vaccinationRecords = tasks.vaccinationRecords
