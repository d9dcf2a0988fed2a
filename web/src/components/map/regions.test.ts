import { describe, expect, it } from 'vitest'
import { numericOf, regionsByNumeric } from './regions'

describe('the map\'s regions', () => {
  it('names a country by its ISO 3166-1 numeric code, from alpha-2 or numeric', () => {
    expect(numericOf('DE')).toBe('276')
    expect(numericOf('is')).toBe('352')
    expect(numericOf('AF')).toBe('004')
    expect(numericOf('4')).toBe('004')
    expect(numericOf(840)).toBe('840')
    expect(numericOf('XX')).toBeUndefined()
    expect(numericOf('')).toBeUndefined()
  })

  it('keeps the first of a country named twice and leaves out unknown codes', () => {
    const m = regionsByNumeric([
      { code: 'IS', color: 'red', label: 'a' },
      { code: '352', color: 'yellow', label: 'b' },
      { code: 'XX', color: 'red', label: 'c' },
      { code: 'JP', color: 'orange', label: 'd' },
    ])
    expect([...m.keys()]).toEqual(['352', '392'])
    expect(m.get('352')?.label).toBe('a')
  })
})
