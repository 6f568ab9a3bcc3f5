// A reference Yjs client for a shared Waterline map (tests/all/live_maps.rs): joins ROOM on
// SERVER, waits for the map, sets the title of card CARD_ID to TITLE (one field of the
// card's entry, as Waterline writes it), adds a note to its annotations, and prints the
// room's map title and cards as JSON on one line. Exits 1 after 15 s without the map.
// Usage: node map_client.cjs SERVER ROOM CARD_ID TITLE NOTE
const Y = require('yjs')
const { WebsocketProvider } = require('y-websocket')
const [server, room, cardId, title, note] = process.argv.slice(2)
const doc = new Y.Doc()
const provider = new WebsocketProvider(server, room, doc, {
  WebSocketPolyfill: require('ws'),
  disableBc: true
})
const events = doc.getMap('events')
let written = false
const act = () => {
  const card = events.get(cardId)
  if (written || !card) return
  written = true
  doc.transact(() => {
    card.set('title', title)
    card.get('annotations').push([{ kind: 'note', text: note }])
  })
  console.log(JSON.stringify({ title: doc.getMap('meta').get('title'), events: events.toJSON() }))
  // Let the update reach the server before leaving.
  setTimeout(() => { provider.destroy(); process.exit(0) }, 300)
}
provider.on('sync', (synced) => {
  if (!synced) return
  act()
  events.observeDeep(act)
})
setTimeout(() => { console.error('timed out'); process.exit(1) }, 15000)
