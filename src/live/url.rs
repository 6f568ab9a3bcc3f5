//! Server addresses and room names: y-websocket takes the room from the URL path, so a
//! join link is `ws[s]://host[:port]/room`, and a room name made of 128 random bits is
//! the room's secret.

use super::error::LiveError;

/// The characters a room name may use: safe in a URL path and in a file name.
fn is_room_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

fn check_server(server: &str) -> Result<&str, LiveError> {
    let server = server.trim().trim_end_matches('/');
    let rest = server
        .strip_prefix("ws://")
        .or_else(|| server.strip_prefix("wss://"))
        .ok_or_else(|| {
            LiveError::BadUrl(format!(
                "“{server}” is not a live server address: it must start with ws:// or wss://"
            ))
        })?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(LiveError::BadUrl(format!("“{server}” has no host name")));
    }
    if rest.contains(['?', '#', ' ']) {
        return Err(LiveError::BadUrl(format!(
            "“{server}” must not contain a query, fragment or space"
        )));
    }
    Ok(server)
}

fn check_room(room: &str) -> Result<&str, LiveError> {
    if room.is_empty() || !room.chars().all(is_room_char) || room == "." || room == ".." {
        return Err(LiveError::BadUrl(format!(
            "“{room}” is not a room name: use letters, digits, '.', '_' and '-'"
        )));
    }
    Ok(room)
}

/// The URL of `room` on `server`: `{server without trailing /}/{room}`. A server URL
/// may have a path of its own (`wss://host/yjs`), if its proxy strips it.
pub fn room_url(server: &str, room: &str) -> Result<String, LiveError> {
    Ok(format!("{}/{}", check_server(server)?, check_room(room)?))
}

/// Splits a join link (`ws://host:1234/room`) into the server and the room: the room is
/// the last path segment.
pub fn split_join_link(link: &str) -> Result<(String, String), LiveError> {
    let link = link.trim().trim_end_matches('/');
    let server_and_room = check_server(link)?;
    let scheme_len = if server_and_room.starts_with("wss://") {
        6
    } else {
        5
    };
    match server_and_room.rfind('/') {
        Some(i) if i >= scheme_len => {
            let (server, room) = (&server_and_room[..i], &server_and_room[i + 1..]);
            check_server(server)?;
            Ok((server.to_owned(), check_room(room)?.to_owned()))
        }
        _ => Err(LiveError::BadUrl(format!(
            "“{link}” has no room: a link looks like ws://host:1234/room"
        ))),
    }
}

/// A new room name: "wl-" and 128 random bits as 26 base32 characters. Unguessable, so the
/// name itself is what lets someone in.
pub fn new_room_name() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness (never seen in practice): std's per-process random hash keys
        // and the time, still unpredictable enough to keep rooms apart.
        use std::hash::{BuildHasher, Hasher};
        for half in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or_default(),
            );
            half.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    format!("wl-{}", base32(&bytes))
}

/// RFC 4648 base32, lower case (room names read best in lower case), without padding.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_url_joins_server_and_room() {
        assert_eq!(room_url("ws://h:1234/", "r1").unwrap(), "ws://h:1234/r1");
        assert_eq!(
            room_url("wss://h/yjs", "a.b_c-d").unwrap(),
            "wss://h/yjs/a.b_c-d"
        );
    }

    #[test]
    fn bad_servers_and_rooms_are_refused() {
        for server in ["http://h", "h:1234", "ws://", "ws:///r", "ws://h?x=1", ""] {
            assert!(room_url(server, "r").is_err(), "{server}");
        }
        for room in ["", "a/b", "a b", "ä", "..", "r?x"] {
            assert!(room_url("ws://h", room).is_err(), "{room}");
        }
    }

    #[test]
    fn join_links_split_into_server_and_room() {
        assert_eq!(
            split_join_link("ws://host:1234/room").unwrap(),
            ("ws://host:1234".to_owned(), "room".to_owned())
        );
        assert_eq!(
            split_join_link(" wss://x/yjs/wl-abc/ ").unwrap(),
            ("wss://x/yjs".to_owned(), "wl-abc".to_owned())
        );
        assert!(split_join_link("ws://host:1234").is_err());
        assert!(split_join_link("ws://host/").is_err());
        assert!(split_join_link("https://host/room").is_err());
    }

    #[test]
    fn new_room_names_are_26_base32_chars_and_differ() {
        let a = new_room_name();
        let b = new_room_name();
        assert_ne!(a, b);
        let body = a.strip_prefix("wl-").unwrap();
        assert_eq!(body.len(), 26);
        assert!(
            body.chars()
                .all(|c| c.is_ascii_lowercase() || ('2'..='7').contains(&c))
        );
        assert!(room_url("ws://h", &a).is_ok());
    }

    #[test]
    fn base32_matches_rfc_4648() {
        assert_eq!(base32(b"foobar"), "mzxw6ytboi");
        assert_eq!(base32(&[0xff; 16]).len(), 26);
    }
}
