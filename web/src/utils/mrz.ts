// Reading a passport's machine readable zone (TD3, ICAO Doc 9303 Part 4) pasted into a form,
// to fill the fields it holds. The server checks the MRZ again (rule invitation.mrz and the
// like); this only saves typing. Check digits: Doc 9303 Part 3 §4.9 (weights 7, 3, 1).

export interface Td3 {
  surname: string
  given_names: string
  passport_number: string
  /** The ICAO code as written: "D" for Germany, else ISO 3166-1 alpha-3. */
  nationality: string
  /** YYYY-MM-DD */
  birth_date: string
  sex: 'M' | 'F' | ''
  /** YYYY-MM-DD */
  passport_expiry: string
  /** Every check digit matches. */
  valid: boolean
}

function value(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55
  return 0 // the filler '<'
}

export function checkDigit(field: string): number {
  const weights = [7, 3, 1]
  let sum = 0
  for (let i = 0; i < field.length; i++) sum += value(field[i]) * weights[i % 3]
  return sum % 10
}

function matches(field: string, digit: string): boolean {
  return digit === String(checkDigit(field)) || (digit === '<' && /^<*$/.test(field))
}

function unfilled(s: string): string {
  return s.replace(/<+$/, '')
}

function name(s: string): string {
  return s.replace(/<+/g, ' ').trim()
}

function realDate(y: number, yymmdd: string): string {
  const m = Number(yymmdd.slice(2, 4)), d = Number(yymmdd.slice(4, 6))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return ''
  return `${String(y).padStart(4, '0')}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`
}

/** The two lines of a TD3 MRZ, or null if the text is not two lines of 44 MRZ characters. */
export function parseTd3(text: string, todayYear = new Date().getFullYear()): Td3 | null {
  const lines = text.toUpperCase().split(/\s+/).filter(Boolean)
  if (lines.length !== 2 || !lines.every((l) => /^[A-Z0-9<]{44}$/.test(l)) || lines[0][0] !== 'P') return null
  const [one, two] = lines
  const names = one.slice(5)
  const split = names.indexOf('<<')
  const birth = two.slice(13, 19), expiry = two.slice(21, 27)
  const yy = Number(birth.slice(0, 2))
  const century = Math.floor(todayYear / 100) * 100
  const birthYear = century + yy > todayYear ? century - 100 + yy : century + yy
  const composite = two.slice(0, 10) + two.slice(13, 20) + two.slice(21, 43)
  const valid = matches(two.slice(0, 9), two[9]) && matches(birth, two[19]) && matches(expiry, two[27]) &&
    matches(two.slice(28, 42), two[42]) && matches(composite, two[43])
  const sex = two[20] === 'M' || two[20] === 'F' ? two[20] : ''
  return {
    surname: name(split < 0 ? names : names.slice(0, split)),
    given_names: split < 0 ? '' : name(names.slice(split + 2)),
    passport_number: unfilled(two.slice(0, 9)),
    nationality: unfilled(two.slice(10, 13)),
    birth_date: /^\d{6}$/.test(birth) ? realDate(birthYear, birth) : '',
    sex,
    passport_expiry: /^\d{6}$/.test(expiry) ? realDate(2000 + Number(expiry.slice(0, 2)), expiry) : '',
    valid,
  }
}
