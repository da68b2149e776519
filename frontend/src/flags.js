// Flags ("passages à simplifier") shown as CodeMirror mark decorations.
//
// The last list of flags is kept in a StateField. After every document change each flag is
// found again by its quote (findQuote), using the previous position mapped through the change
// as a tie-breaker, so flags follow the text while people type and disappear when their
// passage no longer exists.

import { StateEffect, StateField } from '@codemirror/state'
import { Decoration, EditorView } from '@codemirror/view'
import { findQuote } from './find-quote.js'

/** @typedef {{id?: string|number, quote: string, prefix?: string, suffix?: string, category?: string, label?: string}} Flag */

export const setFlagsEffect = StateEffect.define()

const cssToken = value => String(value == null ? '' : value).replace(/[^A-Za-z0-9_-]/g, '')

function flagKey (flag, index) {
  return flag.id != null ? 'id:' + String(flag.id) : 'index:' + index
}

/**
 * @param {string} text
 * @param {Flag[]} flags
 * @param {(key: string) => number | undefined} hintFor
 */
function computeFlags (text, flags, hintFor) {
  const ranges = []
  const positions = new Map()
  flags.forEach((flag, index) => {
    if (!flag || typeof flag.quote !== 'string') return
    const key = flagKey(flag, index)
    const hint = hintFor(key)
    const found = findQuote(text, {
      quote: flag.quote,
      prefix: flag.prefix,
      suffix: flag.suffix,
      hint: hint !== undefined ? hint : flag.hint
    })
    if (!found || found.start >= found.end) return
    positions.set(key, found.start)
    const category = cssToken(flag.category)
    const attributes = {}
    if (flag.label != null && flag.label !== '') attributes.title = String(flag.label)
    if (flag.id != null) attributes['data-flag-id'] = String(flag.id)
    ranges.push(Decoration.mark({
      class: category ? 'flag flag-' + category : 'flag',
      attributes
    }).range(found.start, found.end))
  })
  return { decorations: Decoration.set(ranges, true), positions }
}

export const flagsField = StateField.define({
  create () {
    return { flags: [], positions: new Map(), decorations: Decoration.none }
  },
  update (value, tr) {
    let flags = value.flags
    let replaced = false
    for (const effect of tr.effects) {
      if (effect.is(setFlagsEffect)) {
        flags = effect.value
        replaced = true
      }
    }
    if (!replaced && !tr.docChanged) return value
    if (flags.length === 0) return { flags, positions: new Map(), decorations: Decoration.none }
    const previous = value.positions
    const hintFor = key => {
      const pos = previous.get(key)
      return pos === undefined ? undefined : (tr.docChanged ? tr.changes.mapPos(pos, 1) : pos)
    }
    const { decorations, positions } = computeFlags(tr.state.doc.toString(), flags, hintFor)
    return { flags, positions, decorations }
  },
  provide: field => EditorView.decorations.from(field, value => value.decorations)
})
