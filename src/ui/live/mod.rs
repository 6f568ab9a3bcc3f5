//! Live sessions in the window: Share live… / Join live… dialogs, the session's panel
//! (link, people, follow, leave), the status bar's word on the connection, and each
//! frame's exchange with the room: the room's changes in, this person's presence out.

pub mod dialog;
mod panel;
pub mod presence;
pub mod session;

use super::app::WaterlineApp;
use super::canvas::peers::PeerMark;
use super::dialogs::{Dialog, Pending};
use crate::document::Document;
use crate::model::Map;
use session::{LiveSession, Start};
use std::sync::Arc;
use std::time::Duration;

pub use panel::PanelAction;

/// How often a live window wakes with no input: presence is renewed every 15 s and
/// people who left without a word are dropped after 30 s.
const HEARTBEAT: Duration = Duration::from_secs(1);

impl WaterlineApp {
    /// Whether the map is shared live right now.
    pub fn is_live(&self) -> bool {
        self.live.is_some()
    }

    /// The join link of the session, while live.
    pub fn live_link(&self) -> Option<&str> {
        self.live.as_ref().map(|live| live.link.as_str())
    }

    /// Starts a session as the dialog asked. Joining replaces the open map with the
    /// room's, so unsaved changes are asked about first.
    pub(super) fn start_live(&mut self, start: Start, name: String, ctx: &egui::Context) {
        if let Start::Join { link } = &start
            && self.doc.has_unsaved_changes()
        {
            self.screen.dialog = Some(Dialog::UnsavedChanges {
                then: Pending::JoinLive {
                    link: link.clone(),
                    name,
                },
                name: self.doc.display_name(),
            });
            return;
        }
        self.start_live_now(start, name, ctx);
    }

    /// Joins a room once unsaved changes were saved or discarded.
    pub(super) fn join_live_now(&mut self, link: String, name: String, ctx: &egui::Context) {
        self.start_live_now(Start::Join { link }, name, ctx);
    }

    fn start_live_now(&mut self, start: Start, name: String, ctx: &egui::Context) {
        self.leave_live();
        let name = if name.is_empty() {
            "Someone".to_owned()
        } else {
            name
        };
        self.prefs.live_name = name.clone();
        let wake_ctx = ctx.clone();
        let wake: session::Wake = Arc::new(move || wake_ctx.request_repaint());
        let joining = matches!(start, Start::Join { .. });
        let map = if joining {
            Map::new("")
        } else {
            self.doc.map().clone()
        };
        match LiveSession::start(&start, &map, &name, wake) {
            Ok((session, shared)) => {
                if joining {
                    self.replace_document(Document::new(Map::new(""), None));
                    self.awaiting_room = true;
                }
                let suffix = session.id_suffix();
                // Whoever puts the map in the room mends it; joiners never do.
                self.doc.share_live(shared, !joining, &suffix);
                // The link is the room's key: not in the status bar, on a shared screen.
                self.status = if joining {
                    "Live: joining…".to_owned()
                } else {
                    "Live: sharing. Copy the link from the Live session window".to_owned()
                };
                self.live = Some(session);
            }
            Err(problem) => {
                self.screen.dialog = Some(Dialog::Error {
                    title: "Could not start the live session".to_owned(),
                    message: problem,
                })
            }
        }
    }

    /// Leaves the session: the map stays as the room last had it, unsaved.
    pub(super) fn leave_live(&mut self) {
        if let Some(live) = self.live.take() {
            // What arrived last is part of the map as the room had it.
            let _ = self.doc.take_room_changes();
            live.leave();
            self.doc.leave_live();
            self.awaiting_room = false;
            self.canvas.peers.clear();
            self.status = "Left the live session; the map is as the room had it".to_owned();
        }
    }

    /// Once a frame while live: what the room changed comes in, presence goes out, the
    /// view follows the presenter when asked.
    pub(super) fn live_frame(&mut self, ctx: &egui::Context) {
        let presenting = self.is_presenting();
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let now_ms = (ctx.input(|i| i.time) * 1000.0) as u64;
        if let Some(said) = live.pump(now_ms) {
            self.status = said;
        }
        match self.doc.take_room_changes() {
            Ok(mended) if !mended.is_empty() => self.status = format!("Live: {}", mended.join(" ")),
            Ok(_) => {}
            Err(err) => {
                self.status =
                    format!("Live: the room's map is not valid, so it is not shown ({err})")
            }
        }
        if self.awaiting_room && !self.doc.map().events.is_empty() {
            self.awaiting_room = false;
            self.canvas
                .request(super::canvas::requests::ViewRequest::Reset);
        }
        live.publish(&self.canvas.selection.cards, self.canvas.look(), presenting);
        let people = live.people();
        if live.follow
            && let Some(look) = people.iter().find(|p| p.presenting).and_then(|p| p.look)
        {
            self.canvas.look_at(look);
        }
        self.canvas.peers = people
            .iter()
            .filter(|p| !p.selection.is_empty())
            .map(|p| PeerMark {
                name: p.name.clone(),
                colour: p.colour,
                cards: p.selection.clone(),
            })
            .collect();
        ctx.request_repaint_after(HEARTBEAT);
    }

    /// The session's panel, while live.
    pub(super) fn live_panel_ui(&mut self, ctx: &egui::Context) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        match panel::panel_ui(ctx, live) {
            Some(PanelAction::Leave) => self.leave_live(),
            Some(PanelAction::CopyLink) => {
                ctx.copy_text(live.link.clone());
                self.status = "Join link copied".to_owned();
            }
            None => {}
        }
    }
}
