//! File > Share live… and File > Join live…: where the room is (hosted by this app, or on
//! a server), the name others see, and the link to join by.

use super::session::{Start, network_address};
use crate::ui::dialogs::Answer;
use egui::{Key, TextEdit, Ui};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// What the Share live dialog holds while open.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareForm {
    /// Host the room in this app (rather than on a server).
    pub host_here: bool,
    /// Reachable from other computers (this computer's network address), not only this one.
    pub on_network: bool,
    /// The port to listen on; empty or 0 picks a free one.
    pub port: String,
    /// The server's address, when not hosting here.
    pub server: String,
    pub name: String,
    /// What was wrong with the last try, shown under the fields.
    pub problem: Option<String>,
    /// This computer's network address, looked up once when the dialog opens.
    pub network: Option<IpAddr>,
}

impl ShareForm {
    pub fn new(name: &str) -> Self {
        ShareForm {
            host_here: true,
            on_network: false,
            port: String::new(),
            server: "ws://127.0.0.1:1234".to_owned(),
            name: name.to_owned(),
            problem: None,
            network: network_address(),
        }
    }

    /// How to start, or what is wrong in words.
    pub fn start(&self) -> Result<Start, String> {
        if !self.host_here {
            let url = self.server.trim();
            crate::live::url::room_url(url, "check").map_err(|err| err.to_string())?;
            return Ok(Start::Server {
                url: url.to_owned(),
            });
        }
        let port = match self.port.trim() {
            "" => 0,
            text => text.parse::<u16>().map_err(|_| {
                format!(
                    "\u{201c}{text}\u{201d} is not a port number (1 to 65535, or empty for any)"
                )
            })?,
        };
        // Nothing listens beyond this computer unless asked.
        let ip = if self.on_network {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        };
        Ok(Start::Host {
            bind: SocketAddr::new(ip, port),
        })
    }
}

/// The name to offer: the one used last time, else the computer's user name (everyone
/// called "Someone" tells the others nothing).
pub fn default_name(last: &str) -> String {
    if !last.trim().is_empty() {
        return last.to_owned();
    }
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|name| name.trim().chars().take(60).collect::<String>())
        .find(|name| !name.is_empty() && name != "root")
        .unwrap_or_default()
}

/// What the Join live dialog holds while open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JoinForm {
    pub link: String,
    pub name: String,
    pub problem: Option<String>,
}

pub fn share_ui(ui: &mut Ui, form: &mut ShareForm) -> Option<Answer> {
    ui.heading("Share live");
    ui.label("Others join with a link and edit the map with you; everyone sees the same map.");
    ui.add_space(6.0);
    name_field(ui, &mut form.name);
    ui.radio_value(&mut form.host_here, true, "Host the room on this computer");
    if form.host_here {
        ui.indent("host", |ui| {
            ui.checkbox(
                &mut form.on_network,
                "Let other computers on my network join",
            );
            let address = form
                .network
                .map_or_else(|| "no network found".to_owned(), |ip| ip.to_string());
            ui.label(if form.on_network {
                format!("Listening on every network of this computer; the link uses {address}.")
            } else {
                "Only this computer can join (127.0.0.1).".to_owned()
            });
            ui.horizontal(|ui| {
                ui.label("Port");
                ui.add(
                    TextEdit::singleline(&mut form.port)
                        .hint_text("any")
                        .desired_width(70.0),
                );
            });
        });
    }
    ui.radio_value(
        &mut form.host_here,
        false,
        "Use a sync server (y-websocket)",
    );
    if !form.host_here {
        ui.indent("server", |ui| {
            ui.add(TextEdit::singleline(&mut form.server).hint_text("wss://sync.example.com"))
                .labelled_by(ui.label("Server").id);
        });
    }
    problem_ui(ui, &form.problem);
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Start sharing").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            match form.start() {
                Ok(start) => answer = Some(Answer::StartLive(start, form.name.trim().to_owned())),
                Err(problem) => form.problem = Some(problem),
            }
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

pub fn join_ui(ui: &mut Ui, form: &mut JoinForm) -> Option<Answer> {
    ui.heading("Join live");
    ui.label("Paste the link the person sharing the map gave you.");
    ui.add_space(6.0);
    name_field(ui, &mut form.name);
    let label = ui.label("Link");
    ui.add(
        TextEdit::singleline(&mut form.link)
            .hint_text("ws://192.168.1.20:40123/wl-…")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    problem_ui(ui, &form.problem);
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Join").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
            match crate::live::url::split_join_link(&form.link) {
                Ok(_) => {
                    answer = Some(Answer::StartLive(
                        Start::Join {
                            link: form.link.trim().to_owned(),
                        },
                        form.name.trim().to_owned(),
                    ))
                }
                Err(err) => form.problem = Some(err.to_string()),
            }
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

fn name_field(ui: &mut Ui, name: &mut String) {
    ui.horizontal(|ui| {
        let label = ui.label("Your name");
        ui.add(
            TextEdit::singleline(name)
                .hint_text("shown to the others")
                .char_limit(60),
        )
        .labelled_by(label.id);
    });
}

fn problem_ui(ui: &mut Ui, problem: &Option<String>) {
    if let Some(problem) = problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosting_listens_on_this_computer_only_unless_asked() {
        let mut form = ShareForm::new("Ana");
        assert_eq!(
            form.start(),
            Ok(Start::Host {
                bind: "127.0.0.1:0".parse().unwrap()
            })
        );
        form.on_network = true;
        form.port = "4455".into();
        assert_eq!(
            form.start(),
            Ok(Start::Host {
                bind: "0.0.0.0:4455".parse().unwrap()
            })
        );
        form.port = "lots".into();
        assert!(form.start().unwrap_err().contains("not a port number"));
    }

    #[test]
    fn a_server_must_be_a_websocket_address() {
        let mut form = ShareForm::new("Ana");
        form.host_here = false;
        form.server = "http://example.com".into();
        assert!(form.start().is_err());
        form.server = "wss://sync.example.com".into();
        assert_eq!(
            form.start(),
            Ok(Start::Server {
                url: "wss://sync.example.com".into()
            })
        );
    }
}
