//! The WebSocket under a live session: one thread that connects, reconnects with backoff,
//! and moves binary frames between the socket and two channels. No protocol logic here.
//!
//! Blocking tungstenite, because the app has no async runtime (docs/sync-design.md §2.1).
//! The socket gets a short read timeout, so the thread alternates between sending what is
//! queued and reading what arrives; dropping the [`Connection`] ends the thread.

use std::io::ErrorKind;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tungstenite::error::{Error as WsError, TlsError, UrlError};
use tungstenite::handshake::HandshakeError;
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// How long to wait for a TCP connection, and for the WebSocket handshake.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a read waits before the thread looks at its outbox again.
const READ_TIMEOUT: Duration = Duration::from_millis(50);
/// Silence after which a connection is taken for dead (servers ping every 30 s).
const SILENCE_LIMIT: Duration = Duration::from_secs(60);

/// Called from the connection thread whenever there is something to receive, so the
/// UI can repaint (`ctx.request_repaint()`).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// TLS settings for `wss://` (the system's roots are always used).
#[derive(Clone, Debug, Default)]
pub struct TlsOptions {
    /// An extra CA certificate file (PEM, one or more certificates) to trust as well. A
    /// file that cannot be used is reported as the reason for being offline.
    pub extra_ca_pem: Option<PathBuf>,
}

/// What the connection thread reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnEvent {
    /// The WebSocket is open (again): the session should start its handshake.
    Connected,
    /// One binary frame from the server.
    Frame(Vec<u8>),
    /// The socket closed or a connection attempt failed; a human reason. The thread keeps
    /// trying with backoff.
    Disconnected(String),
}

/// A self-reconnecting WebSocket client on its own thread.
pub struct Connection {
    /// Frames to send. Dropping it is the thread's signal to stop.
    outbox: Option<Sender<Vec<u8>>>,
    events: Receiver<ConnEvent>,
    thread: Option<JoinHandle<()>>,
}

impl Connection {
    /// Starts connecting to `url` (`ws://` or `wss://`) on a new thread.
    pub fn open(url: &str, tls: TlsOptions, wake: Wake) -> Connection {
        let (outbox, frames) = mpsc::channel();
        let (events_tx, events) = mpsc::channel();
        let worker = Worker {
            url: url.to_owned(),
            tls,
            frames,
            events: events_tx,
            wake,
        };
        let thread = std::thread::Builder::new()
            .name("waterline-live-ws".into())
            .spawn(move || worker.run())
            .ok();
        Connection {
            outbox: Some(outbox),
            events,
            thread,
        }
    }

    /// Queues one binary frame. Frames queued while the socket is down are dropped: the
    /// sync handshake on reconnection carries everything they held.
    pub fn send(&self, frame: Vec<u8>) {
        if let Some(outbox) = &self.outbox {
            let _ = outbox.send(frame);
        }
    }

    /// The next event, if any, without waiting.
    pub fn try_recv(&self) -> Option<ConnEvent> {
        self.events.try_recv().ok()
    }

    /// The next event, waiting at most `timeout` (for headless loops and tests).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<ConnEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.outbox = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Whether the worker goes on after a step.
enum Flow {
    Continue,
    Stop,
}

struct Worker {
    url: String,
    tls: TlsOptions,
    frames: Receiver<Vec<u8>>,
    events: Sender<ConnEvent>,
    wake: Wake,
}

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

impl Worker {
    fn emit(&self, event: ConnEvent) -> Flow {
        if self.events.send(event).is_err() {
            return Flow::Stop;
        }
        (self.wake)();
        Flow::Continue
    }

    fn run(self) {
        let mut failures: u32 = 0;
        let mut last_reason: Option<String> = None;
        loop {
            match self.connect() {
                Ok(mut ws) => {
                    failures = 0;
                    // Anything queued before this point predates the handshake: drop it.
                    loop {
                        match self.frames.try_recv() {
                            Ok(_) => {}
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => return,
                        }
                    }
                    if let Flow::Stop = self.emit(ConnEvent::Connected) {
                        return;
                    }
                    let reason = match self.pump(&mut ws) {
                        Ok(()) => return,
                        Err(reason) => reason,
                    };
                    let _ = ws.close(None);
                    let _ = ws.flush();
                    if let Flow::Stop = self.emit(ConnEvent::Disconnected(reason.clone())) {
                        return;
                    }
                    last_reason = Some(reason);
                }
                Err(reason) => {
                    failures = failures.saturating_add(1);
                    // Report a failed attempt once, not on every retry.
                    if last_reason.as_deref() != Some(reason.as_str()) {
                        if let Flow::Stop = self.emit(ConnEvent::Disconnected(reason.clone())) {
                            return;
                        }
                        last_reason = Some(reason);
                    }
                }
            }
            // y-websocket's backoff: min(100 ms · 2^n, 2.5 s). Waiting on the outbox both
            // drops stale frames and wakes at once when the Connection is dropped.
            let backoff =
                Duration::from_millis(100u64 << failures.min(5)).min(Duration::from_millis(2_500));
            let deadline = Instant::now() + backoff;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match self.frames.recv_timeout(left) {
                    Ok(_) => {}
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        }
    }

    /// Opens the TCP connection and does the WebSocket (and TLS) handshake.
    fn connect(&self) -> Result<Socket, String> {
        let connector = match &self.tls.extra_ca_pem {
            Some(path) => Some(super::tls::connector_with_extra_ca(path)?),
            None => None,
        };
        let request =
            tungstenite::client::IntoClientRequest::into_client_request(self.url.as_str())
                .map_err(|e| format!("bad server address: {e}"))?;
        let uri = request.uri();
        let host = uri.host().ok_or("bad server address: no host")?.to_owned();
        let tls = match uri.scheme_str() {
            Some("ws") => false,
            Some("wss") => true,
            _ => return Err("the server address must start with ws:// or wss://".into()),
        };
        let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
        let host_for_addr = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<SocketAddr> = (host_for_addr, port)
            .to_socket_addrs()
            .map_err(|e| format!("cannot find {host}: {e}"))?
            .collect();
        let mut last_err = format!("cannot find {host}");
        let mut stream = None;
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => last_err = format!("cannot reach {host}:{port} ({})", io_reason(&e)),
            }
        }
        let stream = stream.ok_or(last_err)?;
        // A server that accepts but never answers must not hold the handshake forever.
        let _ = stream.set_read_timeout(Some(CONNECT_TIMEOUT));
        let _ = stream.set_write_timeout(Some(CONNECT_TIMEOUT));
        let _ = stream.set_nodelay(true);
        let (ws, _response) = tungstenite::client_tls_with_config(request, stream, None, connector)
            .map_err(|e| match e {
                HandshakeError::Interrupted(_) => "the server did not answer in time".to_owned(),
                HandshakeError::Failure(e) => ws_reason(&e),
            })?;
        let tcp = match ws.get_ref() {
            MaybeTlsStream::Plain(s) => s,
            MaybeTlsStream::Rustls(s) => s.get_ref(),
            _ => return Err("unsupported stream".into()),
        };
        let _ = tcp.set_read_timeout(Some(READ_TIMEOUT));
        let _ = tcp.set_write_timeout(Some(CONNECT_TIMEOUT));
        Ok(ws)
    }

    /// Moves frames until the socket fails (`Err(reason)`) or we are told to stop (`Ok`).
    fn pump(&self, ws: &mut Socket) -> Result<(), String> {
        let mut last_heard = Instant::now();
        loop {
            // Both servers ping every 30 s: silence for twice that is a dead link that TCP
            // has not noticed (a laptop lid, a dropped Wi-Fi), so reconnect.
            if last_heard.elapsed() >= SILENCE_LIMIT {
                return Err("the server stopped answering".into());
            }
            loop {
                match self.frames.try_recv() {
                    Ok(frame) => ws
                        .write(Message::Binary(frame.into()))
                        .map_err(|e| ws_reason(&e))?,
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        let _ = ws.close(None);
                        let _ = ws.flush();
                        return Ok(());
                    }
                }
            }
            match ws.flush() {
                Ok(()) => {}
                Err(WsError::Io(e)) if is_timeout(&e) => {}
                Err(e) => return Err(ws_reason(&e)),
            }
            match ws.read() {
                Ok(Message::Binary(bytes)) => {
                    last_heard = Instant::now();
                    if let Flow::Stop = self.emit(ConnEvent::Frame(bytes.to_vec())) {
                        return Ok(());
                    }
                }
                // Pings are answered by tungstenite on the next flush; text is not ours.
                Ok(_) => last_heard = Instant::now(),
                Err(WsError::Io(e)) if is_timeout(&e) => {}
                Err(e) => return Err(ws_reason(&e)),
            }
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::ConnectionRefused => "connection refused".into(),
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "timed out".into(),
        _ => e.to_string(),
    }
}

/// A sentence for the status bar.
fn ws_reason(e: &WsError) -> String {
    match e {
        WsError::ConnectionClosed | WsError::AlreadyClosed => {
            "the server closed the connection".into()
        }
        // rustls reports a failed handshake (an untrusted certificate) as an I/O error
        // wrapping its own error: "connection lost" would send the user looking at the
        // network rather than at the certificate.
        WsError::Io(e) => match e.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
            Some(e) => tls_reason(e),
            None => format!("connection lost ({})", io_reason(e)),
        },
        WsError::Http(resp) if resp.status().as_u16() == 404 => {
            "no such room on this server (HTTP 404)".into()
        }
        WsError::Http(resp) => {
            format!("the server refused the connection (HTTP {})", resp.status())
        }
        WsError::Url(UrlError::TlsFeatureNotEnabled) => "wss:// is not available".into(),
        WsError::Tls(TlsError::Rustls(e)) => tls_reason(e),
        WsError::Tls(e) => format!("secure connection failed: {e}"),
        WsError::Protocol(e) => format!("connection lost (protocol error: {e})"),
        e => format!("connection lost ({e})"),
    }
}

/// A failed TLS handshake in words. A certificate we do not trust is the usual case with
/// a team's own server: say so, and what fixes it (its CA's certificate as a CA file).
fn tls_reason(e: &rustls::Error) -> String {
    match e {
        rustls::Error::InvalidCertificate(why @ rustls::CertificateError::UnknownIssuer) => {
            format!(
                "secure connection failed: the server's certificate is not trusted ({why}); \
                 if the server uses a private CA, give that CA's certificate as a CA file"
            )
        }
        rustls::Error::InvalidCertificate(why) => {
            format!("secure connection failed: the server's certificate is not valid ({why})")
        }
        e => format!("secure connection failed: {e}"),
    }
}
