// Intl's formatters, made once for each locale and set of options. Making one costs far more
// than formatting with it (it loads the locale's data): a list of a hundred rows with three
// dates each made three hundred, every time it was drawn.
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()
const displayNameSets = new Map<string, Intl.DisplayNames>()

function cached<F>(cache: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale} ${JSON.stringify(options)}`
  let format = cache.get(key)
  if (!format) {
    format = make()
    cache.set(key, format)
  }
  return format
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options))
}

/** Throws as Intl.NumberFormat does (a currency that is no ISO 4217 code); nothing is kept then. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options))
}

/** Throws as Intl.DisplayNames does (a locale that is no BCP 47 tag); nothing is kept then. */
export function displayNames(locale: string, options: Intl.DisplayNamesOptions): Intl.DisplayNames {
  return cached(displayNameSets, locale, options, () => new Intl.DisplayNames([locale], options))
}
