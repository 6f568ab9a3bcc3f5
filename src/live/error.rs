//! What can go wrong in a live session, as one error type for the protocol, URLs and transport.

/// A live-session error. Network input that cannot be understood becomes one of these,
/// never a panic; the session drops that frame and goes on.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum LiveError {
    /// A frame that is not a y-websocket message (truncated, garbage, out-of-range ids).
    #[error("unreadable message from the server: {0}")]
    Malformed(String),
    /// A well-formed message of a kind this client does not speak.
    #[error("unsupported message type {0}")]
    Unsupported(u8),
    /// A document update that decoded but could not be applied.
    #[error("could not apply a change from the server: {0}")]
    Update(String),
    /// The server refused us (y-websocket auth message).
    #[error("the server refused access: {0}")]
    Denied(String),
    /// A server address or room name we cannot use.
    #[error("{0}")]
    BadUrl(String),
}
