import { describe, expect, it } from 'vitest'
import { checkDigit, parseTd3 } from './mrz'

// The specimen of ICAO Doc 9303 Part 4, Appendix A.
const specimen = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10'

describe('parseTd3', () => {
  it('reads the ICAO specimen', () => {
    expect(checkDigit('L898902C3')).toBe(6)
    expect(parseTd3(specimen, 2026)).toEqual({
      surname: 'ERIKSSON', given_names: 'ANNA MARIA', passport_number: 'L898902C3', nationality: 'UTO',
      birth_date: '1974-08-12', sex: 'F', passport_expiry: '2012-04-15', valid: true,
    })
  })
  it('takes lower case and a space between the lines', () => {
    expect(parseTd3(specimen.toLowerCase().replace('\n', '   '))?.surname).toBe('ERIKSSON')
  })
  it('reports a wrong check digit', () => {
    expect(parseTd3(specimen.replace('L898902C36', 'L898902C37'))?.valid).toBe(false)
  })
  it('refuses what is not two lines of 44', () => {
    expect(parseTd3('')).toBeNull()
    expect(parseTd3(specimen.split('\n')[0])).toBeNull()
    expect(parseTd3(specimen.replace('P<UTO', 'V<UTO'))).toBeNull()
  })
})
