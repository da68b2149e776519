// A small two-way binding between a native <textarea> and a Y.Text ("simple mode").
//
// Local edits: on each `input` event, the textarea value is diffed against the Y.Text
// (common prefix and suffix) and applied as one delete + one insert in a single transaction.
// Remote edits: the Y.Text delta is applied to the textarea value, and the caret/selection
// is mapped through the same delta so it stays on the same character.
//
// Written here instead of using the y-textarea package: it is about 150 lines, has no
// dependencies, and gives us control over caret mapping, read-only mode and undo.

import * as Y from 'yjs'

const isHighSurrogate = code => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = code => code >= 0xdc00 && code <= 0xdfff

/**
 * Smallest single replacement turning `before` into `after`, never splitting a surrogate
 * pair (Yjs must not receive half an emoji).
 * @param {string} before
 * @param {string} after
 * @returns {{index: number, remove: number, insert: string} | null}
 */
export function simpleDiff (before, after) {
  if (before === after) return null
  const max = Math.min(before.length, after.length)
  let start = 0
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--
  let end = 0
  while (end < max - start &&
         before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) {
    end++
  }
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end)
  }
}

/**
 * Map a position through a Yjs text delta. Text inserted exactly at the position goes after it.
 * @param {number} pos
 * @param {Array<{insert?: string, delete?: number, retain?: number}>} delta
 */
export function mapThroughDelta (pos, delta) {
  let old = 0 // position in the old text while walking the delta
  let shift = 0
  for (const op of delta) {
    if (old >= pos) break
    if (op.retain != null) {
      old += op.retain
    } else if (op.insert != null) {
      shift += typeof op.insert === 'string' ? op.insert.length : 1
    } else if (op.delete != null) {
      shift -= Math.min(op.delete, pos - old)
      old += op.delete
    }
  }
  return pos + shift
}

/**
 * @param {HTMLTextAreaElement} textarea
 * @param {Y.Text} ytext
 * @param {{awareness?: any, undoManager?: Y.UndoManager}} [options]
 */
export function bindTextarea (textarea, ytext, { awareness, undoManager } = {}) {
  const origin = { binding: 'textarea' } // transaction origin of local textarea edits
  if (undoManager) undoManager.addTrackedOrigin(origin)

  textarea.value = ytext.toString()

  const publishCursor = () => {
    if (!awareness || awareness.getLocalState() == null) return
    if (textarea.ownerDocument.activeElement !== textarea) return
    const anchor = Y.createRelativePositionFromTypeIndex(ytext, textarea.selectionDirection === 'backward' ? textarea.selectionEnd : textarea.selectionStart)
    const head = Y.createRelativePositionFromTypeIndex(ytext, textarea.selectionDirection === 'backward' ? textarea.selectionStart : textarea.selectionEnd)
    awareness.setLocalStateField('cursor', { anchor, head })
  }

  const onInput = () => {
    if (textarea.readOnly) {
      textarea.value = ytext.toString()
      return
    }
    const change = simpleDiff(ytext.toString(), textarea.value)
    if (change) {
      ytext.doc.transact(() => {
        if (change.remove > 0) ytext.delete(change.index, change.remove)
        if (change.insert.length > 0) ytext.insert(change.index, change.insert)
      }, origin)
    }
    publishCursor()
  }

  const onBeforeInput = event => {
    // Route undo/redo through the shared Y.UndoManager: the browser's own undo stack does not
    // know about remote edits and would undo other people's work.
    if (event.inputType === 'historyUndo' || event.inputType === 'historyRedo') {
      event.preventDefault()
      if (textarea.readOnly || !undoManager) return
      if (event.inputType === 'historyUndo') undoManager.undo()
      else undoManager.redo()
    }
  }

  const onBlur = () => {
    if (awareness && awareness.getLocalState() != null) awareness.setLocalStateField('cursor', null)
  }

  const observer = (event, transaction) => {
    if (transaction.origin === origin && textarea.value === ytext.toString()) return
    const focused = textarea.ownerDocument.activeElement === textarea
    const { selectionStart, selectionEnd, selectionDirection, scrollTop } = textarea
    textarea.value = ytext.toString()
    textarea.scrollTop = scrollTop
    if (focused) {
      const delta = event.delta
      textarea.setSelectionRange(
        mapThroughDelta(selectionStart, delta),
        mapThroughDelta(selectionEnd, delta),
        selectionDirection
      )
    }
  }

  textarea.addEventListener('input', onInput)
  textarea.addEventListener('beforeinput', onBeforeInput)
  textarea.addEventListener('keyup', publishCursor)
  textarea.addEventListener('mouseup', publishCursor)
  textarea.addEventListener('focus', publishCursor)
  textarea.addEventListener('select', publishCursor)
  textarea.addEventListener('blur', onBlur)
  ytext.observe(observer)

  return {
    destroy () {
      ytext.unobserve(observer)
      textarea.removeEventListener('input', onInput)
      textarea.removeEventListener('beforeinput', onBeforeInput)
      textarea.removeEventListener('keyup', publishCursor)
      textarea.removeEventListener('mouseup', publishCursor)
      textarea.removeEventListener('focus', publishCursor)
      textarea.removeEventListener('select', publishCursor)
      textarea.removeEventListener('blur', onBlur)
      if (undoManager) undoManager.removeTrackedOrigin(origin)
    }
  }
}
