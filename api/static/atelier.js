// The two live workshop pages: the facilitator's (editor, findings, votes per sentence,
// remarks, conduct) and the participant's (sentence cards, votes, read-aloud, remarks).
// Plain ES module, no build step. The page's state comes from GET /ateliers/{id}/etat, then
// from the events socket; actions are JSON POSTs.
//
// Everything that comes from the server or from other people is written with textContent
// (or appended as text nodes), never as HTML. Only one element is a live region: #annonces.

import { startEditor } from './atelier-editor.js'

const RECONNECT_MIN_MS = 1000
const RECONNECT_MAX_MS = 30000
const ANNOUNCE_DELAY_MS = 700
const TEXT_CHANGE_ANNOUNCE_MS = 15000
const VOICE_WAIT_MS = 1500
const CLOSE_REFUSED = 4403
const PALETTE = ['#0b4f9c', '#1d6b33', '#8a1c1c', '#6b3fa0', '#7a5900', '#005f73']

// --- small helpers ----------------------------------------------------------------------

/** An element with attributes, properties and children (strings become text nodes). */
function el (tag, attributes = {}, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue
    if (name === 'class') node.className = value
    else if (name === 'text') node.textContent = value
    else if (name === 'hidden') node.hidden = true
    else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value)
    } else node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) {
    if (child != null && child !== false) node.append(child)
  }
  return node
}

function icon (symbol) {
  return el('span', { 'aria-hidden': 'true', class: 'icon' }, symbol)
}

function colorOf (name) {
  let hash = 0
  for (const char of String(name)) hash = (hash * 31 + char.codePointAt(0)) >>> 0
  return PALETTE[hash % PALETTE.length]
}

function plural (count, one, many) {
  return `${count} ${count > 1 ? many : one}`
}

function truncate (text, length) {
  return text.length > length ? text.slice(0, length - 1) + '…' : text
}

let uniqueCounter = 0
function uid (prefix) {
  uniqueCounter += 1
  return `${prefix}-${uniqueCounter}`
}

/** One polite status region, fed with short summaries: a message is said once, and a
 * message with a topic only when it differs from that topic's previous one. */
function makeAnnouncer (region) {
  const lastByTopic = new Map()
  let queue = []
  let timer = null
  const flush = () => {
    timer = null
    const text = queue.join(' ')
    queue = []
    if (!text) return
    if (region.textContent === text) {
      // The same words again: empty the region first, or nothing is said.
      region.textContent = ''
      setTimeout(() => { region.textContent = text }, 100)
    } else {
      region.textContent = text
    }
  }
  return function say (message, topic) {
    if (topic) {
      if (lastByTopic.get(topic) === message) return
      lastByTopic.set(topic, message)
    }
    if (queue.includes(message)) return
    queue.push(message)
    if (timer === null) timer = setTimeout(flush, ANNOUNCE_DELAY_MS)
  }
}

/** Put `items` in `container` as keyed children, reusing the element of each key (so the
 * focus stays where it is). `build(item, element|null, index)` returns the element.
 * With `byPosition`, an item whose key is new takes the element at its position if that
 * element's key is gone (a sentence that was just edited keeps its card). */
function reconcile (container, items, keyOf, build, { byPosition = false, fallback = null } = {}) {
  const before = [...container.children]
  const byKey = new Map(before.map(child => [child.dataset.key, child]))
  const seen = new Map()
  const keys = items.map(item => {
    const base = keyOf(item)
    const count = seen.get(base) || 0
    seen.set(base, count + 1)
    return count ? `${base}#${count}` : base
  })
  const wanted = new Set(keys)
  const used = new Set()
  const next = items.map((item, index) => {
    let element = byKey.get(keys[index]) || null
    if (element === null && byPosition) {
      const candidate = before[index]
      if (candidate && !used.has(candidate) && !wanted.has(candidate.dataset.key)) {
        element = candidate
      }
    }
    if (element !== null && used.has(element)) element = null
    element = build(item, element, index)
    element.dataset.key = keys[index]
    used.add(element)
    return element
  })
  const active = document.activeElement
  const focused = active && container.contains(active) ? active : null
  let lostAt = -1
  before.forEach((child, index) => {
    if (!used.has(child)) {
      if (focused && child.contains(focused)) lostAt = index
      child.remove()
    }
  })
  next.forEach((element, index) => {
    const here = container.children[index] || null
    if (here === element) return
    if (element.isConnected && typeof container.moveBefore === 'function') {
      container.moveBefore(element, here)
    } else {
      container.insertBefore(element, here)
    }
  })
  if (focused && focused.isConnected && document.activeElement !== focused) {
    focused.focus({ preventScroll: true })
  } else if (lostAt >= 0) {
    const neighbour = next[Math.min(lostAt, next.length - 1)]
    const target = (neighbour && neighbour.querySelector('button:not([disabled]), textarea')) ||
      fallback
    if (target) target.focus({ preventScroll: true })
  }
}

// --- server -------------------------------------------------------------------------------

function makePoster (workshop, role, csrf) {
  return async function post (path, body) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' }
    if (role === 'animateur') headers['X-CSRF'] = csrf
    else headers['X-Atelier'] = '1'
    let response
    try {
      response = await fetch(`/ateliers/${encodeURIComponent(workshop)}/${path}`, {
        method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin'
      })
    } catch {
      throw new Error('Pas de connexion avec le serveur. Réessayez dans un moment.')
    }
    let data = null
    try { data = await response.json() } catch { data = null }
    if (!response.ok) {
      const detail = data && typeof data.detail === 'string' ? data.detail : ''
      throw new Error(detail || "La demande n'a pas abouti. Réessayez.")
    }
    return data
  }
}

/** GET /etat: the state, or null when this page may no longer see the workshop. */
async function fetchState (workshop) {
  const response = await fetch(`/ateliers/${encodeURIComponent(workshop)}/etat`, {
    credentials: 'same-origin', headers: { Accept: 'application/json' }
  })
  if (response.status === 401 || response.status === 403) return null
  if (!response.ok) throw new Error(`état ${response.status}`)
  return response.json()
}

/** Where CodeMirror goes: a shadow root in `host`. There CodeMirror puts its styles in a
 * constructed stylesheet, which the site's Content Security Policy allows; in the page
 * itself it would add a <style> element, which the policy (no inline styles) blocks. */
function editorMount (host) {
  const shadow = host.shadowRoot || host.attachShadow({ mode: 'open' })
  const inner = document.createElement('div')
  shadow.append(inner)
  return inner
}

function socketBase () {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/ateliers`
}

/** The events socket, reopened with backoff until stopped or refused. */
function connectEvents (workshop, { onMessage, onOpen, onLost, onRefused }) {
  const url = `${socketBase()}/${encodeURIComponent(workshop)}/evenements`
  let delay = RECONNECT_MIN_MS
  let socket = null
  let timer = null
  let stopped = false
  const open = () => {
    timer = null
    socket = new WebSocket(url)
    socket.addEventListener('open', () => {
      delay = RECONNECT_MIN_MS
      onOpen()
    })
    socket.addEventListener('message', event => {
      let message
      try { message = JSON.parse(event.data) } catch { return }
      if (message && typeof message.type === 'string') onMessage(message.type, message.data)
    })
    socket.addEventListener('close', event => {
      socket = null
      if (stopped) return
      if (event.code === CLOSE_REFUSED) {
        stopped = true
        onRefused()
        return
      }
      onLost()
      timer = setTimeout(open, delay + Math.floor(Math.random() * 500))
      delay = Math.min(delay * 2, RECONNECT_MAX_MS)
    })
  }
  open()
  return {
    stop () {
      stopped = true
      if (timer !== null) clearTimeout(timer)
      if (socket !== null) socket.close()
    }
  }
}

/** Runs a page: initial state, then events; `page` handles both. */
function run (workshop, page, say) {
  let first = true
  let lost = false
  const refresh = async () => {
    let state
    try {
      state = await fetchState(workshop)
    } catch {
      return
    }
    if (state === null || state.status !== 'open') page.end()
    else page.state(state)
  }
  const events = connectEvents(workshop, {
    onMessage: (type, data) => {
      if (type === 'fermeture') {
        events.stop()
        page.end()
      } else page.event(type, data || {})
    },
    onOpen: () => {
      if (lost) say('La connexion est revenue.', 'connexion')
      lost = false
      if (!first) refresh()
      first = false
    },
    onLost: () => {
      if (!lost) say('Connexion perdue. Nouvelle tentative…', 'connexion')
      lost = true
    },
    onRefused: () => refresh()
  })
  refresh()
  return events
}

// --- read-aloud ---------------------------------------------------------------------------

/** speechSynthesis with a French voice, or a clear "not available" when there is none. */
function makeReader ({ available, unavailable, speaking }) {
  const synth = window.speechSynthesis
  let voice = null
  let settled = false
  const pick = () => {
    let voices = []
    try { voices = synth.getVoices() || [] } catch { voices = [] }
    const french = Array.from(voices).filter(v => v && typeof v.lang === 'string' &&
      v.lang.toLowerCase().startsWith('fr'))
    const isFrance = v => v.lang.replace('_', '-').toLowerCase() === 'fr-fr'
    voice = french.find(v => isFrance(v) && v.localService) || french.find(isFrance) ||
      french.find(v => v.localService) || french[0] || null
    return voice
  }
  const decide = final => {
    if (pick()) {
      settled = true
      available()
    } else if (final || settled) {
      unavailable()
    }
  }
  if (!synth || typeof window.SpeechSynthesisUtterance !== 'function') {
    unavailable()
    return null
  }
  decide(false)
  // The voice list loads asynchronously (Chrome): wait for it a little before saying no.
  setTimeout(() => decide(true), VOICE_WAIT_MS)
  if (typeof synth.addEventListener === 'function') {
    synth.addEventListener('voiceschanged', () => decide(true))
  } else {
    synth.onvoiceschanged = () => decide(true)
  }
  // Cancelling a reading ends its utterances later, with events: those of an older reading
  // must not touch the current one.
  let session = 0
  const stop = () => {
    session += 1
    if (typeof synth.cancel === 'function') synth.cancel()
    speaking(-1)
  }
  const speak = texts => {
    if (!voice && !pick()) {
      unavailable()
      return
    }
    stop()
    const current = session
    const report = index => { if (current === session) speaking(index) }
    // One utterance per sentence: Chrome cuts long utterances.
    texts.forEach((text, index) => {
      const utterance = new window.SpeechSynthesisUtterance(text)
      utterance.lang = 'fr-FR'
      utterance.rate = 0.9
      try { utterance.voice = voice } catch { /* a voice of another realm: keep the lang */ }
      utterance.onstart = () => report(index)
      utterance.onend = () => { if (index === texts.length - 1) report(-1) }
      utterance.onerror = () => report(-1)
      synth.speak(utterance)
    })
  }
  return { speak, stop }
}

// --- participant page ---------------------------------------------------------------------

function participantPage (root, workshop, say) {
  const name = root.dataset.name || ''
  const post = makePoster(workshop, 'participant', '')
  const list = document.getElementById('cartes')
  const loading = document.getElementById('chargement')
  const noVoice = document.getElementById('sans-voix')
  const listenAll = document.getElementById('ecoute')
  const editing = document.getElementById('edition')
  const ending = document.getElementById('fin')
  let sentences = []
  let jargon = []
  let mine = {}
  let round = null
  let write = null
  let ended = false
  let analysisVersion = null
  let lastTextAnnounce = 0
  let canSpeak = true

  const editor = startEditor({
    mount: editorMount(document.getElementById('editeur-riche')),
    textarea: document.getElementById('editeur-simple'),
    wsUrl: socketBase(),
    room: workshop,
    user: { name, role: 'participant', color: colorOf(name) },
    readOnly: true,
    mode: 'simple',
    label: 'Texte de la lettre'
  })

  let reading = null // the cards being read, in order
  const reader = makeReader({
    available: () => {
      canSpeak = true
      noVoice.hidden = true
      listenAll.hidden = false
      for (const button of root.querySelectorAll('button.listen')) button.hidden = false
    },
    unavailable: () => {
      canSpeak = false
      noVoice.hidden = false
      listenAll.hidden = true
      for (const button of root.querySelectorAll('button.listen')) button.hidden = true
    },
    speaking: index => {
      for (const card of list.querySelectorAll('.reading')) card.classList.remove('reading')
      if (index >= 0 && reading && reading[index]) reading[index].classList.add('reading')
      if (index === -1) reading = null
    }
  })
  const readCards = cards => {
    if (!reader) return
    reader.speak(cards.map(card => card.sentenceText))
    reading = cards // after speak(), which first stops (and forgets) any reading
  }
  document.getElementById('ecouter-tout').addEventListener('click', () => readCards([...list.children]))
  document.getElementById('arreter').addEventListener('click', () => { if (reader) reader.stop() })

  const termsIn = text => {
    // Each jargon word once per card, where it stands as a whole word.
    const found = []
    for (const term of jargon) {
      let at = text.indexOf(term.quote)
      while (at !== -1) {
        const before = at > 0 ? text[at - 1] : ''
        const after = text[at + term.quote.length] || ''
        if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) break
        at = text.indexOf(term.quote, at + 1)
      }
      if (at === -1) continue
      if (found.some(f => at < f.at + f.quote.length && f.at < at + term.quote.length)) continue
      found.push({ at, quote: term.quote, meaning: term.meaning })
    }
    return found.sort((a, b) => a.at - b.at)
  }

  const fillSentence = (card, text) => {
    const terms = termsIn(text)
    const signature = JSON.stringify([text, terms])
    if (card.signature === signature) return
    const active = document.activeElement
    const focusedTerm = active && card.sentence.contains(active) ? active.dataset.term : null
    const open = new Set([...card.meanings.children].filter(li => !li.hidden).map(li => li.dataset.term))
    card.signature = signature
    card.sentence.textContent = ''
    card.meanings.textContent = ''
    let position = 0
    for (const term of terms) {
      card.sentence.append(text.slice(position, term.at))
      const meaningId = uid('sens')
      const expanded = open.has(term.quote)
      const meaning = el('li', { id: meaningId, hidden: !expanded },
        el('strong', {}, term.quote), ' : ', term.meaning)
      meaning.dataset.term = term.quote
      const button = el('button', {
        type: 'button',
        class: 'term',
        'aria-expanded': String(expanded),
        'aria-controls': meaningId,
        'aria-describedby': 'aide-mots'
      }, term.quote)
      button.dataset.term = term.quote
      button.addEventListener('click', () => {
        const show = button.getAttribute('aria-expanded') !== 'true'
        button.setAttribute('aria-expanded', String(show))
        meaning.hidden = !show
      })
      card.sentence.append(button)
      card.meanings.append(meaning)
      position = term.at + term.quote.length
    }
    card.sentence.append(text.slice(position))
    card.meanings.hidden = terms.length === 0
    if (focusedTerm) {
      const again = [...card.sentence.querySelectorAll('button.term')]
        .find(b => b.dataset.term === focusedTerm)
      if (again) again.focus({ preventScroll: true })
    }
  }

  const showVotes = card => {
    const vote = Object.prototype.hasOwnProperty.call(mine, card.sentenceKey)
      ? mine[card.sentenceKey]
      : null
    card.yes.setAttribute('aria-pressed', String(vote === true))
    card.no.setAttribute('aria-pressed', String(vote === false))
  }

  const remarkForm = (card, kind) => {
    const formId = uid(kind === 'comment' ? 'commentaire' : 'proposition')
    const fieldId = `${formId}-texte`
    const messageId = `${formId}-message`
    const field = el('textarea', {
      id: fieldId, rows: kind === 'comment' ? 3 : 4, maxlength: 2000, 'aria-describedby': messageId
    })
    const message = el('p', { id: messageId, class: 'form-message' })
    const form = el('form', { id: formId, class: 'remark-form', hidden: true },
      el('label', { for: fieldId },
        kind === 'comment' ? 'Votre commentaire sur cette phrase' : 'Votre phrase, plus facile à comprendre'),
      field, message,
      el('button', { type: 'submit', class: 'primary' },
        kind === 'comment' ? 'Envoyer le commentaire' : 'Envoyer ma proposition'))
    const toggle = el('button', {
      type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': formId
    }, icon(kind === 'comment' ? '💬' : '✏️'),
    kind === 'comment' ? ' Écrire un commentaire' : ' Proposer une autre phrase')
    const setOpen = show => {
      form.hidden = !show
      toggle.setAttribute('aria-expanded', String(show))
      if (show) {
        if (kind === 'proposal' && !field.value.trim()) field.value = card.sentenceText
        message.textContent = ''
        field.focus()
      }
    }
    toggle.addEventListener('click', () => setOpen(form.hidden))
    form.addEventListener('submit', async event => {
      event.preventDefault()
      const text = field.value.trim()
      if (!text) {
        message.textContent = kind === 'comment'
          ? "Écrivez d'abord votre commentaire."
          : "Écrivez d'abord votre phrase."
        field.focus()
        return
      }
      if (kind === 'proposal' && text === card.sentenceText.trim()) {
        message.textContent = "Changez d'abord la phrase."
        field.focus()
        return
      }
      try {
        await post('remarques', { kind, sentence: card.sentenceText, text })
      } catch (error) {
        message.textContent = error.message
        say(error.message)
        return
      }
      field.value = ''
      setOpen(false)
      toggle.focus()
      say(kind === 'comment'
        ? 'Merci ! Votre commentaire est envoyé.'
        : "Merci ! Votre proposition est envoyée à l'animateur.")
    })
    return { toggle, form }
  }

  const makeCard = () => {
    const card = el('li', { class: 'card' })
    card.title_ = el('h3', { class: 'card-title' })
    card.sentence = el('p', { class: 'sentence', id: uid('phrase') })
    card.meanings = el('ul', { class: 'meanings', hidden: true })
    const describedBy = card.sentence.id
    card.yes = el('button', { type: 'button', class: 'vote yes', 'aria-pressed': 'false', 'aria-describedby': describedBy },
      icon('👍'), ' Je comprends')
    card.no = el('button', { type: 'button', class: 'vote no', 'aria-pressed': 'false', 'aria-describedby': describedBy },
      icon('👎'), ' Je ne comprends pas')
    card.listen = el('button', { type: 'button', class: 'listen', 'aria-describedby': describedBy, hidden: !canSpeak },
      icon('🔊'), ' Écouter')
    const vote = async understood => {
      if (ended) return
      try {
        await post('votes', { sentence: card.sentenceText, understood })
      } catch (error) {
        say(error.message)
        return
      }
      mine[card.sentenceKey] = understood
      for (const other of list.children) showVotes(other)
      say(understood ? 'Vote enregistré : vous comprenez cette phrase.' : 'Vote enregistré : vous ne comprenez pas cette phrase.')
    }
    card.yes.addEventListener('click', () => vote(true))
    card.no.addEventListener('click', () => vote(false))
    card.listen.addEventListener('click', () => readCards([card]))
    const comment = remarkForm(card, 'comment')
    const proposal = remarkForm(card, 'proposal')
    card.append(
      card.title_, card.sentence, card.meanings,
      el('div', { class: 'card-actions' }, card.yes, card.no, card.listen),
      el('div', { class: 'card-more' }, comment.toggle, proposal.toggle),
      comment.form, proposal.form)
    return card
  }

  const renderCards = () => {
    loading.hidden = sentences.length > 0
    if (!sentences.length) loading.textContent = "La lettre est vide pour l'instant."
    reconcile(list, sentences, s => s.key, (sentence, card, index) => {
      card = card || makeCard()
      if (card.sentenceKey !== sentence.key) {
        card.sentenceKey = sentence.key
        card.signature = null
      }
      card.sentenceText = sentence.text
      card.title_.textContent = `Phrase ${index + 1} sur ${sentences.length}`
      fillSentence(card, sentence.text)
      showVotes(card)
      if (ended) {
        for (const control of card.querySelectorAll('.vote, .toggle, textarea, form button')) {
          control.disabled = true
        }
      }
      return card
    }, { byPosition: true, fallback: document.getElementById('lettre') })
  }

  const applyAnalysis = analysis => {
    if (!analysis || analysis.version === analysisVersion) return
    const changed = analysisVersion !== null &&
      JSON.stringify(sentences.map(s => s.key)) !== JSON.stringify((analysis.sentences || []).map(s => s.key))
    analysisVersion = analysis.version
    sentences = (analysis.sentences || []).filter(s => s && typeof s.text === 'string')
    const terms = new Map()
    for (const finding of analysis.findings || []) {
      if (finding.category === 'jargon' && finding.meaning && finding.quote && !terms.has(finding.quote)) {
        terms.set(finding.quote, { quote: finding.quote, meaning: finding.meaning })
      }
    }
    jargon = [...terms.values()]
    renderCards()
    const now = Date.now()
    if (changed && now - lastTextAnnounce > TEXT_CHANGE_ANNOUNCE_MS) {
      lastTextAnnounce = now
      say('Le texte de la lettre a changé.')
    }
  }

  const applyRound = (next, votes) => {
    if (round !== null && next !== round) {
      say('Une nouvelle version du texte est enregistrée : vous pouvez voter à nouveau.')
    }
    if (next !== round) mine = votes || {}
    round = next
    for (const card of list.children) showVotes(card)
  }

  const applyWrite = allowed => {
    const changed = write !== null && allowed !== write
    write = allowed
    editing.hidden = !allowed || ended
    editor.setReadOnly(!allowed || ended)
    if (changed) {
      say(allowed
        ? 'Vous pouvez maintenant modifier le texte, en bas de la page.'
        : 'Vous ne pouvez plus modifier le texte.')
    }
  }

  return {
    state (state) {
      if (ended) return
      if (state.analysis) applyAnalysis(state.analysis)
      round = null
      applyRound(state.round, state.mine)
      applyWrite(Boolean(state.participants_write))
    },
    event (type, data) {
      if (ended) return
      if (type === 'analyse') applyAnalysis(data)
      else if (type === 'votes') applyRound(data.round, round === data.round ? mine : {})
      else if (type === 'droits') applyWrite(Boolean(data.write))
    },
    end () {
      if (ended) return
      ended = true
      if (reader) reader.stop()
      editor.destroy()
      editing.hidden = true
      // The letter can still be read, listened to and its words explained; nothing else.
      for (const control of root.querySelectorAll('button, textarea, input')) {
        if (!control.matches('.term, .listen, #ecouter-tout, #arreter')) control.disabled = true
      }
      ending.hidden = false
      ending.focus()
      say("L'atelier est terminé. Merci !")
    }
  }
}

// --- facilitator page ---------------------------------------------------------------------

const STATUS_WORDS = { open: 'en attente de votre décision', accepted: 'acceptée', rejected: 'refusée' }

function facilitatorPage (root, workshop, say) {
  const name = root.dataset.name || 'Animateur'
  const post = makePoster(workshop, 'animateur', root.dataset.csrf || '')
  const $ = id => document.getElementById(id)
  let sentences = []
  let tallies = {}
  let round = null
  let sortHard = false
  let ended = false
  let analysisVersion = null
  let remarksSeen = null
  let peopleSeen = null

  const showPeople = people => {
    const listElement = $('presents-liste')
    listElement.textContent = ''
    for (const person of people) {
      listElement.append(el('li', {}, el('strong', {}, person.name || 'Sans nom'),
        person.role === 'animateur' ? ' (animateur)' : ' (participant)'))
    }
    $('presents-resume').textContent = people.length
      ? `${plural(people.length, 'personne connectée', 'personnes connectées')} au texte.`
      : "Personne n'est connecté pour l'instant."
    const names = people.filter(p => p.role !== 'animateur').map(p => p.name)
    if (peopleSeen !== null) {
      const arrived = names.filter(n => !peopleSeen.includes(n))
      for (const person of arrived) say(`${person} a rejoint l'atelier.`)
    }
    peopleSeen = names
  }

  const editor = startEditor({
    mount: editorMount($('editeur-riche')),
    textarea: $('editeur-simple'),
    wsUrl: socketBase(),
    room: workshop,
    user: { name, role: 'animateur', color: colorOf(name) },
    readOnly: false,
    mode: 'editor',
    label: 'Texte de la lettre',
    onPresence: people => showPeople(people),
    onStatus: status => {
      if (ended) return
      $('connexion').textContent = status === 'connected'
        ? 'Connecté au texte partagé.'
        : status === 'connecting'
          ? 'Connexion au texte partagé…'
          : 'Connexion au texte partagé perdue. Nouvelle tentative…'
    }
  })

  // Simple mode: the same shared text in a plain textarea.
  const modeButton = $('mode-simple')
  modeButton.addEventListener('click', () => {
    const simple = modeButton.getAttribute('aria-pressed') !== 'true'
    modeButton.setAttribute('aria-pressed', String(simple))
    editor.setMode(simple ? 'simple' : 'editor')
  })

  // --- analysis: score, findings, flags --------------------------------------------------
  const applyAnalysis = analysis => {
    if (!analysis || analysis.version === analysisVersion) return
    analysisVersion = analysis.version
    const scoreText = analysis.score == null
      ? 'Pas assez de texte pour calculer un score.'
      : `${analysis.score}/100 : ${analysis.label}`
    $('score-valeur').textContent = scoreText
    $('score-sens').textContent = analysis.score == null ? '' : analysis.meaning || ''
    const findings = (analysis.findings || []).filter(f => f && typeof f.quote === 'string')
    editor.setFlags(findings.map(f => ({
      id: f.id, quote: f.quote, prefix: f.prefix, suffix: f.suffix, category: f.category, label: f.label
    })))
    $('passages-nombre').textContent = String(findings.length)
    renderFindings(findings)
    say(findings.length
      ? `${plural(findings.length, 'passage', 'passages')} à simplifier.`
      : 'Aucun passage à simplifier.', 'passages')
    sentences = (analysis.sentences || []).filter(s => s && typeof s.text === 'string')
    renderVotes()
  }

  const renderFindings = findings => {
    reconcile($('passages-liste'), findings, f => `${f.rule}|${f.quote}`, (finding, item) => {
      const signature = JSON.stringify([finding.message, finding.quote, finding.replacement, finding.label])
      item = item || el('li', { class: 'finding' })
      item.finding = finding // the anchors (prefix, suffix, id) change with every edit
      if (item.signature === signature) return item
      const active = document.activeElement
      const hadFocus = item.contains(active)
      item.signature = signature
      item.textContent = ''
      const messageId = uid('passage')
      item.append(
        el('p', { class: 'finding-head' }, el('span', { class: 'tag' }, finding.tag || ''), ' ',
          el('strong', {}, finding.label || '')),
        el('p', { id: messageId }, finding.message || ''),
        el('blockquote', {}, el('p', {}, `« ${truncate(finding.quote, 200)} »`)))
      if (finding.replacement != null) {
        item.append(el('p', {}, el('strong', {}, 'Proposition : '),
          finding.replacement ? `« ${finding.replacement} »` : 'supprimer le passage'))
        const apply = el('button', { type: 'button', class: 'accept', 'aria-describedby': messageId },
          'Appliquer pour tous')
        apply.addEventListener('click', async () => {
          const current = item.finding
          try {
            await post('appliquer', {
              quote: current.quote,
              prefix: current.prefix || '',
              suffix: current.suffix || '',
              replacement: current.replacement,
              id: current.id || ''
            })
            say('Proposition appliquée : le texte est modifié pour tous.')
          } catch (error) {
            say(error.message)
          }
        })
        item.append(apply)
        if (hadFocus) apply.focus({ preventScroll: true })
      }
      return item
    }, { fallback: $('passages') })
  }

  // --- votes per sentence ----------------------------------------------------------------
  const counts = sentence => {
    const tally = tallies[sentence.key] || {}
    return { yes: Number(tally.oui) || 0, no: Number(tally.non) || 0 }
  }

  const renderVotes = () => {
    const rows = sentences.map((sentence, index) => ({ sentence, index, ...counts(sentence) }))
    if (sortHard) {
      rows.sort((a, b) => (b.no - a.no) || ((b.no / (b.yes + b.no || 1)) - (a.no / (a.yes + a.no || 1))) ||
        (a.index - b.index))
    }
    reconcile($('avis-lignes'), rows, row => row.sentence.key, (row, tr) => {
      tr = tr || el('tr', {}, el('td', { class: 'phrase' }), el('td', { class: 'n' }),
        el('td', { class: 'n' }), el('td', { class: 'avis' }))
      const [phrase, yes, no, opinion] = tr.children
      const total = row.yes + row.no
      const hard = row.no > 0
      tr.classList.toggle('hard', hard)
      phrase.textContent = ''
      if (hard) phrase.append(el('span', { class: 'flag-mark', 'aria-hidden': 'true' }, '⚠ '))
      phrase.append(row.sentence.text)
      yes.textContent = String(row.yes)
      no.textContent = String(row.no)
      opinion.textContent = ''
      if (!total) {
        opinion.append('pas encore de vote')
      } else {
        opinion.append(hard ? `difficile pour ${row.no} sur ${total}` : `comprise par ${total} sur ${total}`)
        const blocks = Math.min(total, 10)
        const dark = Math.round((row.no / total) * blocks)
        opinion.append(el('span', { class: 'bar', 'aria-hidden': 'true' },
          '▮'.repeat(dark) + '▯'.repeat(blocks - dark)))
      }
      return tr
    })
  }

  const sortButton = $('tri')
  sortButton.addEventListener('click', () => {
    sortHard = !sortHard
    sortButton.setAttribute('aria-pressed', String(sortHard))
    renderVotes()
  })

  const applyTallies = (nextRound, nextTallies) => {
    if (nextRound !== round) {
      round = nextRound
      $('tour').textContent = round
        ? `Tour ${round + 1} : votes sur le texte enregistré pendant l'atelier (enregistrement n° ${round}).`
        : 'Tour 1 : votes sur le texte de départ.'
    }
    tallies = nextTallies || {}
    renderVotes()
    const hard = sentences.filter(s => counts(s).no > 0).length
    say(hard
      ? `${plural(hard, 'phrase difficile', 'phrases difficiles')} pour les participants.`
      : 'Aucune phrase difficile pour les participants.', 'difficiles')
  }

  // --- comments and proposals ------------------------------------------------------------
  const renderRemarks = remarks => {
    const listElement = $('remarques-liste')
    $('remarques-nombre').textContent = String(remarks.length)
    $('remarques-vide').hidden = remarks.length > 0
    if (remarksSeen !== null) {
      for (const remark of remarks) {
        if (remarksSeen.has(remark.id)) continue
        say(remark.kind === 'proposal'
          ? `Nouvelle proposition de ${remark.author}.`
          : `Nouveau commentaire de ${remark.author}.`)
      }
    }
    remarksSeen = new Set(remarks.map(r => r.id))
    reconcile(listElement, remarks, r => String(r.id), (remark, item) => {
      if (!item) {
        const headId = uid('remarque')
        item = el('li', { class: 'remark' })
        item.head = el('p', { id: headId })
        item.body = el('blockquote', {}, el('p', {}))
        item.statusLine = el('p', { class: 'remark-status', tabindex: '-1' })
        item.decision = el('div', { class: 'decide' })
        item.append(item.head, item.body, item.statusLine, item.decision)
        item.head.append(el('strong', {}, remark.author), ' · ',
          remark.kind === 'proposal' ? 'proposition' : 'commentaire',
          ` sur la phrase « ${truncate(remark.sentence, 300)} »`)
        item.body.firstChild.append(remark.kind === 'proposal' ? 'Nouvelle phrase proposée : ' : '',
          remark.text)
      }
      if (item.status === remark.status) return item
      item.status = remark.status
      const hadFocus = item.decision.contains(document.activeElement)
      item.statusLine.hidden = remark.kind !== 'proposal'
      item.statusLine.textContent = `Proposition ${STATUS_WORDS[remark.status] || remark.status}.`
      item.decision.textContent = ''
      if (remark.kind === 'proposal' && remark.status === 'open' && !ended) {
        const decide = async accept => {
          try {
            await post(`propositions/${encodeURIComponent(remark.id)}`, { accept })
            say(accept ? 'Proposition acceptée : le texte est modifié pour tous.' : 'Proposition refusée.')
          } catch (error) {
            say(error.message)
          }
        }
        item.decision.append(
          el('button', { type: 'button', class: 'accept', 'aria-describedby': item.head.id, onclick: () => decide(true) }, 'Accepter'),
          el('button', { type: 'button', class: 'reject', 'aria-describedby': item.head.id, onclick: () => decide(false) }, 'Refuser'))
      }
      if (hadFocus) item.statusLine.focus({ preventScroll: true })
      return item
    })
  }

  // --- conduct ---------------------------------------------------------------------------
  const rights = $('droits')
  rights.addEventListener('change', async () => {
    const wanted = rights.checked
    try {
      await post('droits', { participants_write: wanted })
    } catch (error) {
      rights.checked = !wanted
      say(error.message)
    }
  })
  const applyWrite = allowed => {
    rights.checked = allowed
    say(allowed
      ? 'Les participants peuvent modifier le texte.'
      : 'Les participants ne peuvent pas modifier le texte.', 'droits')
  }

  $('version').addEventListener('submit', async event => {
    event.preventDefault()
    const label = $('version-nom').value.trim() || 'Version validée en atelier'
    try {
      const saved = await post('versions', { label })
      say(`Version ${saved.version} enregistrée. Les votes recommencent sur ce texte.`)
    } catch (error) {
      say(error.message)
    }
  })

  $('fermer').addEventListener('click', async () => {
    if (!window.confirm("Terminer l'atelier ? Les participants ne pourront plus voter ni modifier le texte.")) return
    try {
      await post('fermer', {})
    } catch (error) {
      say(error.message)
      return
    }
    page.end()
  })

  const page = {
    state (state) {
      if (state.analysis) applyAnalysis(state.analysis)
      applyTallies(state.round, state.tallies)
      renderRemarks(Array.isArray(state.remarks) ? state.remarks : [])
      applyWrite(Boolean(state.participants_write))
    },
    event (type, data) {
      if (ended) return
      if (type === 'analyse') applyAnalysis(data)
      else if (type === 'votes') applyTallies(data.round, data.tallies)
      else if (type === 'remarques') renderRemarks(Array.isArray(data) ? data : [])
      else if (type === 'droits') applyWrite(Boolean(data.write))
    },
    end () {
      if (ended) return
      ended = true
      editor.setReadOnly(true)
      $('connexion').textContent = "L'atelier est terminé : le texte ne change plus."
      for (const control of root.querySelectorAll('button, input, textarea')) {
        if (control.id !== 'mode-simple' && control.id !== 'tri') control.disabled = true
      }
      const ending = $('fin')
      ending.hidden = false
      ending.focus()
      say("L'atelier est terminé. Le compte rendu est prêt.")
    }
  }
  return page
}

// --- start --------------------------------------------------------------------------------

const root = document.getElementById('atelier')
const region = document.getElementById('annonces')
if (root && region) {
  const workshop = root.dataset.atelier
  const say = makeAnnouncer(region)
  const page = root.dataset.role === 'animateur'
    ? facilitatorPage(root, workshop, say)
    : participantPage(root, workshop, say)
  run(workshop, page, say)
}
