import type { App } from '../../platform/routes.ts'
import { areaRoutes } from './areas/routes.ts'
import { caseRoutes } from './cases/routes.ts'
import { graphRoutes, listExportRoutes } from './graph/routes.ts'
import { surveillanceImportRoutes } from './imports/routes.ts'
import { summaryRoutes } from './summary/routes.ts'
import { testRoutes } from './tests/routes.ts'

/** Every route of the surveillance context; each module adds its registration here. */
export function surveillanceRoutes(app: App): void {
  caseRoutes(app)
  testRoutes(app)
  areaRoutes(app)
  surveillanceImportRoutes(app)
  graphRoutes(app)
  listExportRoutes(app)
  summaryRoutes(app)
}
