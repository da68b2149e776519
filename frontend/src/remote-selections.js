// Remote cursors and selections for CodeMirror, adapted from y-codemirror.next 0.3.6
// (src/y-remote-selections.js, MIT, Kevin Jahns). Differences:
//  * the caret widget (with the name label) is aria-hidden: screen readers must not read
//    other people's names in the middle of the text (collaboration.md §2.2);
//  * colours coming from other clients are validated before going into a style attribute;
//  * the awareness is passed in directly (the y-codemirror.next sync facet is created
//    without one, so that its own, non aria-hidden, plugin is not installed).

import * as Y from 'yjs'
import { RangeSet } from '@codemirror/state'
import { Decoration, EditorView, ViewPlugin, WidgetType } from '@codemirror/view'

const DEFAULT_COLOR = '#30bced'
const COLOR_RE = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/

/** @param {unknown} color */
export function safeColor (color) {
  return typeof color === 'string' && COLOR_RE.test(color) ? color : DEFAULT_COLOR
}

/** Light variant of a #rgb / #rrggbb colour (about 20 % opacity). */
function lightColor (color) {
  const full = color.length === 4
    ? '#' + color[1] + color[1] + color[2] + color[2] + color[3] + color[3]
    : color
  return full + '33'
}

export const remoteSelectionsTheme = EditorView.baseTheme({
  '.cm-ySelectionCaret': {
    position: 'relative',
    borderLeft: '1px solid black',
    borderRight: '1px solid black',
    marginLeft: '-1px',
    marginRight: '-1px',
    boxSizing: 'border-box',
    display: 'inline'
  },
  '.cm-ySelectionCaretDot': {
    borderRadius: '50%',
    position: 'absolute',
    width: '.4em',
    height: '.4em',
    top: '-.2em',
    left: '-.2em',
    backgroundColor: 'inherit',
    boxSizing: 'border-box'
  },
  '.cm-ySelectionInfo': {
    position: 'absolute',
    top: '-1.3em',
    left: '-1px',
    fontSize: '.75em',
    fontFamily: 'inherit',
    fontStyle: 'normal',
    fontWeight: 'bold',
    lineHeight: 'normal',
    userSelect: 'none',
    color: '#ffffff',
    textShadow: '0 0 2px #000000',
    paddingLeft: '2px',
    paddingRight: '2px',
    zIndex: '101',
    backgroundColor: 'inherit',
    opacity: '0',
    whiteSpace: 'nowrap',
    pointerEvents: 'none'
  },
  '.cm-ySelectionCaret:hover > .cm-ySelectionInfo': {
    opacity: '1'
  }
})

class RemoteCaretWidget extends WidgetType {
  constructor (color, name) {
    super()
    this.color = color
    this.name = name
  }

  toDOM () {
    const caret = document.createElement('span')
    caret.className = 'cm-ySelectionCaret'
    caret.setAttribute('aria-hidden', 'true')
    caret.style.backgroundColor = this.color
    caret.style.borderColor = this.color
    const dot = document.createElement('span')
    dot.className = 'cm-ySelectionCaretDot'
    const info = document.createElement('span')
    info.className = 'cm-ySelectionInfo'
    info.setAttribute('aria-hidden', 'true')
    info.textContent = this.name
    caret.append('\u2060', dot, '\u2060', info, '\u2060')
    return caret
  }

  eq (other) {
    return other.color === this.color && other.name === this.name
  }

  get estimatedHeight () { return -1 }

  ignoreEvent () { return true }
}

/**
 * @param {Y.Text} ytext
 * @param {import('y-protocols/awareness').Awareness} awareness
 */
export function remoteSelections (ytext, awareness) {
  const plugin = ViewPlugin.fromClass(class {
    constructor (view) {
      this.decorations = RangeSet.of([])
      this.listener = ({ added, updated, removed }) => {
        const clients = added.concat(updated, removed)
        if (clients.some(id => id !== awareness.doc.clientID)) {
          // An empty transaction makes CodeMirror call update() below.
          view.dispatch({})
        }
      }
      awareness.on('change', this.listener)
    }

    destroy () {
      awareness.off('change', this.listener)
    }

    update (update) {
      const ydoc = ytext.doc
      const local = awareness.getLocalState()
      // Publish the local cursor (as Yjs relative positions).
      if (local != null) {
        const hasFocus = update.view.hasFocus && update.view.dom.ownerDocument.hasFocus()
        const sel = hasFocus ? update.state.selection.main : null
        if (sel != null) {
          const anchor = Y.createRelativePositionFromTypeIndex(ytext, sel.anchor)
          const head = Y.createRelativePositionFromTypeIndex(ytext, sel.head)
          const cur = local.cursor
          if (cur == null ||
              !Y.compareRelativePositions(Y.createRelativePositionFromJSON(cur.anchor), anchor) ||
              !Y.compareRelativePositions(Y.createRelativePositionFromJSON(cur.head), head)) {
            awareness.setLocalStateField('cursor', { anchor, head })
          }
        } else if (local.cursor != null && hasFocus) {
          awareness.setLocalStateField('cursor', null)
        }
      }
      // Draw the other people's cursors and selections.
      const decorations = []
      const docLength = update.state.doc.length
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.doc.clientID) return
        const cursor = state.cursor
        if (cursor == null || cursor.anchor == null || cursor.head == null) return
        let anchor, head
        try {
          anchor = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.anchor), ydoc)
          head = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.head), ydoc)
        } catch (e) {
          return
        }
        if (anchor == null || head == null || anchor.type !== ytext || head.type !== ytext) return
        if (anchor.index > docLength || head.index > docLength) return
        const user = state.user || {}
        const color = safeColor(user.color)
        const name = typeof user.name === 'string' ? user.name : ''
        const selectionMark = Decoration.mark({
          attributes: { style: `background-color: ${lightColor(color)}` },
          class: 'cm-ySelection'
        })
        const start = Math.min(anchor.index, head.index)
        const end = Math.max(anchor.index, head.index)
        if (start < end) {
          const startLine = update.state.doc.lineAt(start)
          const endLine = update.state.doc.lineAt(end)
          if (startLine.number === endLine.number) {
            decorations.push(selectionMark.range(start, end))
          } else {
            if (startLine.to > start) decorations.push(selectionMark.range(start, startLine.to))
            if (end > endLine.from) decorations.push(selectionMark.range(endLine.from, end))
            for (let i = startLine.number + 1; i < endLine.number; i++) {
              const line = update.state.doc.line(i)
              decorations.push(Decoration.line({
                attributes: { style: `background-color: ${lightColor(color)}`, class: 'cm-yLineSelection' }
              }).range(line.from))
            }
          }
        }
        decorations.push(Decoration.widget({
          side: head.index - anchor.index > 0 ? -1 : 1,
          widget: new RemoteCaretWidget(color, name)
        }).range(head.index))
      })
      this.decorations = Decoration.set(decorations, true)
    }
  }, {
    decorations: v => v.decorations
  })
  return [remoteSelectionsTheme, plugin]
}
