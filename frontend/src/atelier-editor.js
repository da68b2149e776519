// Browser side of the workshop co-editor: one Y.Text("body") shared through y-websocket,
// shown either in a CodeMirror 6 editor or in a plain <textarea> ("simple mode").
//
// Built into api/static/atelier-editor.js (see frontend/README.md). The server and the page
// code are written against the API below; keep it stable.
//
// Only the server seeds the document: this module never inserts initial text.

import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { Compartment, EditorState } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { insertNewline, standardKeymap } from '@codemirror/commands'
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next'

import { findQuote } from './find-quote.js'
import { flagsField, setFlagsEffect } from './flags.js'
import { remoteSelections, safeColor } from './remote-selections.js'
import { bindTextarea } from './textarea-binding.js'

export { findQuote }

const TEXT_DEBOUNCE_MS = 150

// CodeMirror's standard keys (arrows, Home/End, Backspace, Mod-a...) for prose: Enter inserts a
// plain line break (no code indentation). The code-oriented defaultKeymap (move lines,
// toggle comment, indent with Mod-[ ...) is left out. Tab is not bound (no indentWithTab).
const proseKeymap = standardKeymap.map(binding =>
  binding.key === 'Enter' ? { key: 'Enter', run: insertNewline, shift: insertNewline } : binding)

const editorTheme = EditorView.theme({
  '&': {
    backgroundColor: '#ffffff',
    color: '#1a1a1a',
    fontSize: '1.25rem',
    border: '1px solid #767676',
    borderRadius: '4px'
  },
  '&[hidden]': { display: 'none !important' },
  '&.cm-focused': {
    outline: '3px solid #000091',
    outlineOffset: '2px'
  },
  '.cm-scroller': {
    fontFamily: 'inherit',
    lineHeight: '1.5'
  },
  '.cm-content': {
    textAlign: 'left',
    caretColor: '#1a1a1a',
    padding: '0.75rem 0',
    minHeight: '10rem'
  },
  '.cm-line': {
    padding: '0 0.75rem'
  },
  '.flag': {
    backgroundColor: '#fff3b0',
    color: '#1a1a1a',
    textDecorationLine: 'underline',
    textDecorationStyle: 'wavy',
    textDecorationColor: '#b34000',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '0.2em'
  }
})

/** Extensions that depend on the read-only flag. */
function readOnlyExtensions (readOnly) {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    // A non-editable content element is not focusable by default: keep it reachable with the
    // keyboard so the text can still be read and selected.
    EditorView.contentAttributes.of(readOnly ? { tabindex: '0' } : {})
  ]
}

function noop () {}

/**
 * @param {object} options see frontend/README.md
 */
export function startEditor (options) {
  const {
    mount,
    textarea,
    wsUrl,
    room,
    params = {},
    user = {},
    label = '',
    onText = noop,
    onPresence = noop,
    onStatus = noop
  } = options || {}
  let readOnly = Boolean(options && options.readOnly)
  let mode = options && options.mode === 'simple' ? 'simple' : 'editor'
  let destroyed = false

  const doc = new Y.Doc()
  const text = doc.getText('body')
  // disableBc: every change goes through the server, which is the authority (read-only
  // participants are filtered there); no tab-to-tab shortcut.
  const provider = new WebsocketProvider(wsUrl, String(room), doc, {
    connect: false,
    params: params || {},
    disableBc: true
  })
  const awareness = provider.awareness

  // --- status -----------------------------------------------------------------------------
  let lastStatus = null
  const emitStatus = status => {
    if (destroyed || status === lastStatus) return
    lastStatus = status
    onStatus(status)
  }
  const onProviderStatus = ({ status }) => emitStatus(status)
  // Close codes 4400-4499 (e.g. refused token) stop the reconnection: report it.
  const onProviderClosed = () => emitStatus('disconnected')
  provider.on('status', onProviderStatus)
  provider.on('closed', onProviderClosed)

  // --- presence ---------------------------------------------------------------------------
  let lastPeople = null
  const emitPresence = () => {
    if (destroyed) return
    const people = []
    // getStates() is keyed by clientID, so each connected client appears once.
    awareness.getStates().forEach(state => {
      const u = state && state.user
      if (u && typeof u.name === 'string') {
        people.push({ name: u.name, role: typeof u.role === 'string' ? u.role : 'participant' })
      }
    })
    const key = JSON.stringify(people)
    if (key === lastPeople) return // cursor moves also change the awareness
    lastPeople = key
    onPresence(people)
  }
  awareness.on('change', emitPresence)
  awareness.setLocalStateField('user', {
    name: String(user.name == null ? '' : user.name),
    role: user.role === 'animateur' ? 'animateur' : 'participant',
    color: safeColor(user.color)
  })

  // --- text callback (debounced) ----------------------------------------------------------
  let textTimer = null
  const onYText = () => {
    if (textTimer !== null) clearTimeout(textTimer)
    textTimer = setTimeout(() => {
      textTimer = null
      if (!destroyed) onText(text.toString())
    }, TEXT_DEBOUNCE_MS)
  }
  text.observe(onYText)

  // --- CodeMirror -------------------------------------------------------------------------
  // Only the user's own edits (editor or textarea) are undoable.
  const undoManager = new Y.UndoManager(text, { trackedOrigins: new Set() })
  const readOnlyCompartment = new Compartment()
  const view = new EditorView({
    parent: mount,
    state: EditorState.create({
      doc: text.toString(),
      extensions: [
        // No indentWithTab: Tab must leave the editor (no keyboard trap).
        keymap.of([...yUndoManagerKeymap, ...proseKeymap]),
        yCollab(text, null, { undoManager }),
        remoteSelections(text, awareness),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-multiline': 'true',
          spellcheck: 'true',
          autocorrect: 'on',
          autocapitalize: 'sentences'
        }),
        editorTheme,
        flagsField,
        readOnlyCompartment.of(readOnlyExtensions(readOnly))
      ]
    })
  })
  // If the page put the textarea inside the mount element, hide only the editor itself.
  const editorBox = mount.contains(textarea) ? view.dom : mount

  // --- simple mode ------------------------------------------------------------------------
  textarea.setAttribute('aria-label', label)
  textarea.readOnly = readOnly
  const binding = bindTextarea(textarea, text, { awareness, undoManager })

  const clamp = pos => Math.max(0, Math.min(pos, view.state.doc.length))

  function setMode (next) {
    const simple = next === 'simple'
    const active = textarea.ownerDocument.activeElement
    const focusInEditor = active != null && view.dom.contains(active)
    const focusInTextarea = active === textarea
    editorBox.hidden = simple
    textarea.hidden = !simple
    mode = simple ? 'simple' : 'editor'
    if (simple && focusInEditor) {
      const { anchor, head } = view.state.selection.main
      textarea.focus()
      textarea.setSelectionRange(Math.min(anchor, head), Math.max(anchor, head),
        head < anchor ? 'backward' : 'forward')
    } else if (!simple && focusInTextarea) {
      const backward = textarea.selectionDirection === 'backward'
      const start = clamp(textarea.selectionStart)
      const end = clamp(textarea.selectionEnd)
      view.focus()
      view.dispatch({
        selection: backward ? { anchor: end, head: start } : { anchor: start, head: end },
        scrollIntoView: true
      })
    }
  }

  function setReadOnly (value) {
    readOnly = Boolean(value)
    textarea.readOnly = readOnly
    if (readOnly) undoManager.clear()
    view.dispatch({ effects: readOnlyCompartment.reconfigure(readOnlyExtensions(readOnly)) })
  }

  function setFlags (flags) {
    view.dispatch({ effects: setFlagsEffect.of(Array.isArray(flags) ? flags.slice() : []) })
  }

  function getText () {
    return text.toString()
  }

  function destroy () {
    if (destroyed) return
    destroyed = true
    if (textTimer !== null) clearTimeout(textTimer)
    text.unobserve(onYText)
    awareness.off('change', emitPresence)
    provider.off('status', onProviderStatus)
    provider.off('closed', onProviderClosed)
    binding.destroy()
    view.destroy()
    provider.destroy() // tells the others we left, closes the socket
    awareness.destroy()
    undoManager.destroy()
    doc.destroy()
  }

  setMode(mode)

  // Connect (and report the first presence) after startEditor has returned, so callbacks
  // can already use the returned object.
  queueMicrotask(() => {
    if (destroyed) return
    emitPresence()
    provider.connect()
  })

  return {
    doc,
    text,
    provider,
    view,
    getText,
    setMode,
    setFlags,
    setReadOnly,
    destroy
  }
}
