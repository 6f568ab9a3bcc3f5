// A reference Yjs client for tests/all/live_net.rs: joins ROOM on SERVER, writes
// events[WRITE_ID].title = WRITE_TITLE, waits until events[WAIT_ID] exists, prints the
// room's events as JSON on one line and exits 0 (1 after 15 s without it).
// Usage: node client.cjs SERVER ROOM WRITE_ID WRITE_TITLE WAIT_ID
const Y = require('yjs')
const { WebsocketProvider } = require('y-websocket')
const [server, room, writeId, writeTitle, waitId] = process.argv.slice(2)
const doc = new Y.Doc()
const provider = new WebsocketProvider(server, room, doc, {
  WebSocketPolyfill: require('ws'),
  disableBc: true
})
const events = doc.getMap('events')
const done = () => {
  if (!events.has(waitId)) return
  console.log(JSON.stringify(events.toJSON()))
  provider.destroy()
  process.exit(0)
}
provider.on('sync', (synced) => {
  if (!synced) return
  doc.transact(() => {
    const card = new Y.Map()
    card.set('title', writeTitle)
    events.set(writeId, card)
  })
  events.observeDeep(done)
  done()
})
setTimeout(() => { console.error('timed out'); process.exit(1) }, 15000)
