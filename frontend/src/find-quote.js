// Text-quote anchoring (W3C TextQuoteSelector-like, see collaboration.md §1.6).
//
// Flags and suggestions are anchored by the quoted text plus a little context, never by
// offsets: the server (Python str, code points; pycrdt uses UTF-8 bytes) and the browser
// (UTF-16 code units) do not count positions the same way. Each side finds the quote in its
// own string. Returned offsets are JavaScript string indices (UTF-16), as CodeMirror uses.

/**
 * Number of characters of `context` that match the text just before `start`
 * (compared backwards from the end of `context`).
 * @param {string} text
 * @param {number} start
 * @param {string} context
 */
function prefixScore (text, start, context) {
  let n = 0
  while (n < context.length && n < start &&
         context.charCodeAt(context.length - 1 - n) === text.charCodeAt(start - 1 - n)) {
    n++
  }
  return n
}

/**
 * Number of characters of `context` that match the text just after `end`.
 * @param {string} text
 * @param {number} end
 * @param {string} context
 */
function suffixScore (text, end, context) {
  let n = 0
  while (n < context.length && end + n < text.length &&
         context.charCodeAt(n) === text.charCodeAt(end + n)) {
    n++
  }
  return n
}

/**
 * Find `quote` in `text`. When the quote occurs several times, the occurrence whose
 * surrounding text best matches `prefix` (just before) and `suffix` (just after) wins; on a
 * tie, the one closest to `hint` (an optional offset, e.g. where the quote was last seen),
 * else the first one.
 *
 * @param {string} text
 * @param {{quote: string, prefix?: string, suffix?: string, hint?: number}} selector
 * @returns {{start: number, end: number} | null} UTF-16 offsets, `end` exclusive; null when
 *   the quote is empty or not found.
 */
export function findQuote (text, { quote, prefix = '', suffix = '', hint } = {}) {
  if (typeof text !== 'string' || typeof quote !== 'string' || quote.length === 0) return null
  prefix = typeof prefix === 'string' ? prefix : ''
  suffix = typeof suffix === 'string' ? suffix : ''
  const hasHint = typeof hint === 'number' && Number.isFinite(hint)
  let best = null
  let bestScore = -1
  let bestDistance = Infinity
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    const end = at + quote.length
    const score = prefixScore(text, at, prefix) + suffixScore(text, end, suffix)
    const distance = hasHint ? Math.abs(at - hint) : 0
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = { start: at, end }
      bestScore = score
      bestDistance = distance
    }
  }
  return best
}
