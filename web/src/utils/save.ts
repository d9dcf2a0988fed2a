// Handing a file to the browser as a download: a link to it, clicked. No request is made here.

/** Saves what `href` points to (a data: or blob: URL) under `name`. */
export function saveUrl(href: string, name: string): void {
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** Saves `blob` under `name`; its URL is revoked once the browser has taken the file. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob)
  saveUrl(href, name)
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}
