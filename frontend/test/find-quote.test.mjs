// Run with `npm test` (node:test). Offsets are JavaScript (UTF-16) string indices.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { findQuote } from '../src/find-quote.js'
import { mapThroughDelta, simpleDiff } from '../src/textarea-binding.js'

const slice = (text, range) => text.slice(range.start, range.end)

test('finds a unique quote', () => {
  const text = 'Madame, nous accusons réception de votre demande.'
  const r = findQuote(text, { quote: 'accusons réception' })
  assert.deepEqual(r, { start: 13, end: 31 })
  assert.equal(slice(text, r), 'accusons réception')
})

test('accented letters, œ, typographic apostrophe and an emoji before the quote', () => {
  const text = '🙂 Cœur d’œuvre : l’employé a été prévenu. Nonobstant la décision susvisée, il reste.'
  const quote = 'Nonobstant la décision susvisée'
  const r = findQuote(text, { quote, prefix: 'a été prévenu. ', suffix: ', il reste' })
  assert.ok(r)
  assert.equal(slice(text, r), quote)
  // The emoji is two UTF-16 code units: offsets are JS indices, not code points.
  assert.equal(r.start, text.indexOf(quote))
  assert.equal(r.start, [...text.slice(0, r.start)].length + 1)
})

test('quote containing œ and ’', () => {
  const text = 'Il s’agit d’une manœuvre d’huissier. Merci.'
  const r = findQuote(text, { quote: 'd’une manœuvre d’huissier' })
  assert.equal(slice(text, r), 'd’une manœuvre d’huissier')
  assert.equal(r.start, 10) // "Il s’agit " is 10 UTF-16 units
})

test('duplicate quotes are told apart by the prefix', () => {
  const text = 'Vous devez payer. Si vous refusez, vous devez payer une amende.'
  const first = findQuote(text, { quote: 'vous devez payer', prefix: 'Si vous refusez, ' })
  assert.equal(first.start, text.lastIndexOf('vous devez payer'))
  const again = findQuote(text, { quote: 'ous devez payer', prefix: 'V' })
  assert.equal(again.start, 1)
})

test('duplicate quotes are told apart by the suffix', () => {
  const text = 'le délai susvisé. Le délai susvisé expire demain.'
  const second = findQuote(text, { quote: 'délai susvisé', suffix: ' expire' })
  assert.equal(second.start, text.lastIndexOf('délai susvisé'))
  const first = findQuote(text, { quote: 'délai susvisé', suffix: '. Le' })
  assert.equal(first.start, text.indexOf('délai susvisé'))
})

test('prefix and suffix together beat a partial match', () => {
  const text = 'a é X b | a é X c | z é X c'
  const r = findQuote(text, { quote: 'X', prefix: 'z é ', suffix: ' c' })
  assert.equal(r.start, text.lastIndexOf('X'))
})

test('without context, the first occurrence wins; a hint picks the closest', () => {
  const text = 'encore encore encore'
  assert.deepEqual(findQuote(text, { quote: 'encore' }), { start: 0, end: 6 })
  assert.deepEqual(findQuote(text, { quote: 'encore', hint: 13 }), { start: 14, end: 20 })
})

test('overlapping occurrences are all considered', () => {
  const text = 'aaaa'
  assert.deepEqual(findQuote(text, { quote: 'aa', prefix: 'aa' }), { start: 2, end: 4 })
})

test('a missing quote gives null', () => {
  assert.equal(findQuote('Bonjour Madame.', { quote: 'Monsieur', prefix: 'Bonjour ' }), null)
  assert.equal(findQuote('Bonjour Madame.', { quote: 'madame' }), null) // case-sensitive
  assert.equal(findQuote('Bonjour Madame.', { quote: '' }), null)
  assert.equal(findQuote('', { quote: 'x' }), null)
})

// The textarea binding helpers are pure too.
test('simpleDiff never splits an emoji (surrogate pair)', () => {
  const d = simpleDiff('a😀b', 'a😁b')
  assert.deepEqual(d, { index: 1, remove: 2, insert: '😁' })
  assert.deepEqual(simpleDiff('élan', 'élans'), { index: 4, remove: 0, insert: 's' })
  assert.deepEqual(simpleDiff('aaa', 'aa'), { index: 2, remove: 1, insert: '' })
  assert.equal(simpleDiff('même', 'même'), null)
})

test('mapThroughDelta keeps the caret on the same character', () => {
  // "Bonjour Madame" -> insert "chère " at 8, caret was after "Madame" (14)
  assert.equal(mapThroughDelta(14, [{ retain: 8 }, { insert: 'chère ' }]), 20)
  // insertion after the caret does not move it
  assert.equal(mapThroughDelta(3, [{ retain: 8 }, { insert: 'chère ' }]), 3)
  // insertion exactly at the caret goes after it
  assert.equal(mapThroughDelta(8, [{ retain: 8 }, { insert: 'x' }]), 8)
  // deletion before the caret, and a deletion that contains the caret
  assert.equal(mapThroughDelta(10, [{ retain: 2 }, { delete: 3 }]), 7)
  assert.equal(mapThroughDelta(4, [{ retain: 2 }, { delete: 5 }]), 2)
})
