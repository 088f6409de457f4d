import { describe, expect, it } from 'vitest'
import { checkZoneGeometry, type ZoneGeometry } from '../../../domain/surveillance/zones.ts'
import { type DraftAction, type DraftHistory, draftFeatures, draftOf, draftReducer, EMPTY_DRAFT, geometryOf } from './polygonDraft.ts'

const run = (actions: DraftAction[], from: DraftHistory = { current: EMPTY_DRAFT, past: [] }) => actions.reduce(draftReducer, from)

const triangle: DraftAction[] = [
  { type: 'add', at: [105.1, 10.1] },
  { type: 'add', at: [105.12, 10.1] },
  { type: 'add', at: [105.11, 10.12] },
]

describe('drawing a zone polygon', () => {
  it('gives a closed ring the server accepts once three vertices are closed', () => {
    const open = run(triangle)
    expect(geometryOf(open.current)).toBeNull()
    const closed = run([{ type: 'close' }], open)
    const g = geometryOf(closed.current)!
    expect(g).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [105.1, 10.1],
          [105.12, 10.1],
          [105.11, 10.12],
          [105.1, 10.1],
        ],
      ],
    })
    expect(checkZoneGeometry(g).ok).toBe(true)
    // Closed: a click adds nothing more.
    expect(run([{ type: 'add', at: [105.2, 10.2] }], closed).current.vertices).toHaveLength(3)
  })

  it('does not close fewer than three vertices, nor add the same point twice', () => {
    const h = run([{ type: 'add', at: [105, 10] }, { type: 'add', at: [105, 10] }, { type: 'add', at: [105.01, 10] }, { type: 'close' }])
    expect(h.current.vertices).toHaveLength(2)
    expect(h.current.closed).toBe(false)
  })

  it('rounds to six decimals', () => {
    const h = run([{ type: 'add', at: [105.123456789, 10.987654321] }])
    expect(h.current.vertices[0]).toEqual([105.123457, 10.987654])
  })

  it('undoes each step, and a whole drag as one step', () => {
    let h = run([...triangle, { type: 'close' }])
    h = run(
      [
        { type: 'move', index: 1, to: [105.13, 10.1], continues: false },
        { type: 'move', index: 1, to: [105.14, 10.1], continues: true },
        { type: 'move', index: 1, to: [105.15, 10.09], continues: true },
      ],
      h,
    )
    expect(h.current.vertices[1]).toEqual([105.15, 10.09])
    h = run([{ type: 'undo' }], h)
    expect(h.current.vertices[1]).toEqual([105.12, 10.1])
    expect(h.current.closed).toBe(true)
    h = run([{ type: 'undo' }], h)
    expect(h.current.closed).toBe(false)
    h = run([{ type: 'undo' }, { type: 'undo' }, { type: 'undo' }, { type: 'undo' }], h)
    expect(h.current.vertices).toEqual([])
    expect(h.past).toEqual([])
  })

  it('clears a drawing, which can be undone', () => {
    const h = run([...triangle, { type: 'close' }, { type: 'clear' }])
    expect(geometryOf(h.current)).toBeNull()
    expect(geometryOf(run([{ type: 'undo' }], h).current)?.type).toBe('Polygon')
  })

  it('loads a stored polygon as editable vertices, and keeps a multipolygon whole', () => {
    const stored: ZoneGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [105, 10],
          [105.1, 10],
          [105.1, 10.1],
          [105, 10],
        ],
      ],
    }
    const d = draftOf(stored)
    expect(d.vertices).toHaveLength(3)
    expect(d.closed).toBe(true)
    expect(geometryOf(d)).toEqual(stored)

    const multi: ZoneGeometry = { type: 'MultiPolygon', coordinates: [stored.coordinates as [number, number][][]] }
    const m = run([{ type: 'load', geometry: multi }, { type: 'add', at: [106, 11] }])
    expect(m.current.fixed).toEqual(multi)
    expect(m.current.vertices).toEqual([])
    expect(geometryOf(m.current)).toEqual(multi)
    expect(geometryOf(run([{ type: 'clear' }], m).current)).toBeNull()
    // A pasted area is one step: undone, the drawing before it is back.
    expect(run([{ type: 'undo' }], run([...triangle, { type: 'load', geometry: multi }])).current.vertices).toHaveLength(3)
  })

  it('draws the vertices, the line while open and the area once closed', () => {
    const open = draftFeatures(run(triangle).current)
    expect(open.vertices.features.map((f) => f.properties.first)).toEqual([true, false, false])
    expect(open.shape.features[0]?.geometry.type).toBe('LineString')
    const closed = draftFeatures(run([...triangle, { type: 'close' }]).current)
    expect(closed.vertices.features.every((f) => !f.properties.first)).toBe(true)
    expect(closed.shape.features[0]?.geometry.type).toBe('Polygon')
  })
})
