//! The iceberg view: the map's themes above and below the waterline, drawn by
//! `render::paint_iceberg` to fit the central area. Drag a theme up or down to change its
//! depth (one undo step per drag); click a theme to list its moments; click a moment to
//! go back to the map with its card selected and in view. The layout is made once per
//! change of the map (by its revision), never per frame.

use super::Intents;
use crate::document::Document;
use crate::layout::iceberg::{Iceberg, Moment, iceberg, moments_label};
use crate::model::{CardId, ThemeId};
use crate::ops::{Edit, Op};
use crate::render::{self, Theme, View, shown_text};
use egui::emath::TSTransform;
use egui::{Id, Rect, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};
use std::sync::Arc;

/// What the iceberg view keeps between frames.
#[derive(Default)]
pub struct IcebergView {
    /// The layout and the revision of the map it was made for.
    cache: Option<(u64, Arc<Iceberg>)>,
    /// The theme whose moments are listed.
    pub listed: Option<ThemeId>,
    /// The theme being dragged and how far (scene points, down is positive).
    drag: Option<(ThemeId, f32)>,
}

impl IcebergView {
    /// The layout for the document as it is now, made again only when the map changed.
    pub fn layout(&mut self, doc: &Document) -> Arc<Iceberg> {
        let revision = doc.revision();
        match &self.cache {
            Some((made_for, berg)) if *made_for == revision => berg.clone(),
            _ => {
                let berg = Arc::new(iceberg(doc.map()));
                self.cache = Some((revision, berg.clone()));
                berg
            }
        }
    }
}

/// Draws the iceberg in the central area; returns the card to show on the map when a
/// moment was clicked.
pub fn iceberg_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut IcebergView,
    intents: &mut Intents,
) -> Option<CardId> {
    let berg = state.layout(doc);
    let map = doc.map();
    let rect = ui.available_rect_before_wrap();
    let background = ui.interact(rect, Id::unique("waterline-iceberg"), Sense::click());
    background.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, "Iceberg"));
    // The whole picture fits the area, never blown up past half again its size.
    let zoom = (rect.width() / berg.size.x)
        .min(rect.height() / berg.size.y)
        .clamp(0.25, 1.5);
    let offset = rect.center().to_vec2() - berg.size * zoom / 2.0;
    let screen_from_scene = TSTransform::new(offset, zoom);
    let view = View {
        screen_from_scene,
        clip: rect,
        sticky_chrome: true,
        until: None,
    };
    let theme = Theme::for_dark_mode(ui.visuals().dark_mode);
    let mut shapes = Vec::new();
    ui.ctx().fonts_mut(|fonts| {
        render::paint_iceberg(map, &berg, &theme, &view, fonts, &mut shapes);
    });
    let painter = ui.painter_at(rect);
    painter.extend(shapes);
    if map.themes.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "No themes yet: give moments a theme on the map, then place the themes here",
            egui::FontId::proportional(18.0),
            theme.text,
        );
    }

    for theme_box in &berg.boxes {
        let Some(map_theme) = map.themes.get(theme_box.theme) else {
            continue;
        };
        let screen = screen_from_scene.mul_rect(theme_box.rect);
        let response = ui.interact(
            screen,
            Id::unique(("waterline-iceberg-theme", &theme_box.id)),
            Sense::click_and_drag(),
        );
        let name = shown_text(&map_theme.name).into_owned();
        let count = berg
            .facts
            .get(theme_box.theme)
            .map_or(0, |f| f.moments.len());
        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::Button,
                true,
                format!("Theme: {name} ({})", moments_label(count)),
            )
        });
        let response = response.on_hover_text("Drag up or down to place it; click for its moments");
        if response.clicked() {
            state.listed = if state.listed.as_ref() == Some(&theme_box.id) {
                None
            } else {
                Some(theme_box.id.clone())
            };
        }
        if response.dragged() {
            let moved = response.drag_delta().y / zoom;
            match &mut state.drag {
                Some((id, dy)) if *id == theme_box.id => *dy += moved,
                _ => state.drag = Some((theme_box.id.clone(), moved)),
            }
        }
        if let Some((id, dy)) = &state.drag
            && *id == theme_box.id
        {
            // The drop place, drawn over the picture (the overlay; the map is unchanged
            // until the drag ends).
            let to = screen.translate(vec2(0.0, dy * zoom));
            painter.rect_stroke(to, 6.0, Stroke::new(2.0, theme.link), StrokeKind::Outside);
            let depth = drop_depth(&berg, theme_box, *dy);
            let words = match depth {
                Some(d) if d > 0.0 => "below the waterline",
                Some(_) => "above the waterline",
                None => "not placed",
            };
            painter.text(
                to.left_top() - vec2(0.0, 4.0),
                egui::Align2::LEFT_BOTTOM,
                words,
                egui::FontId::proportional(14.0),
                theme.link,
            );
        }
        if response.drag_stopped()
            && let Some((id, dy)) = state.drag.take()
            && id == theme_box.id
        {
            let depth = drop_depth(&berg, theme_box, dy);
            if depth != map_theme.depth {
                let mut moved = map_theme.clone();
                moved.depth = depth;
                let label = match depth {
                    Some(d) if d > 0.0 => format!("Place theme \"{name}\" below the waterline"),
                    Some(_) => format!("Place theme \"{name}\" above the waterline"),
                    None => format!("Take theme \"{name}\" off the iceberg"),
                };
                intents.edits.push(Edit::new(label, Op::UpdateTheme(moved)));
            }
        }
        if state.listed.as_ref() == Some(&theme_box.id) {
            painter.rect_stroke(
                screen.expand(3.0),
                8.0,
                Stroke::new(3.0, render::theme_colour(map, theme_box.theme)),
                StrokeKind::Outside,
            );
        }
    }
    if state
        .listed
        .as_ref()
        .is_some_and(|id| map.theme(id).is_none())
    {
        state.listed = None;
    }
    moments_ui(ui, doc, &berg, state, rect, screen_from_scene)
}

/// The depth a theme dropped `dy` scene points from where it is drawn gets: on the
/// iceberg, the depth there; back on the shelf (or never off it), not placed.
fn drop_depth(
    berg: &Iceberg,
    theme_box: &crate::layout::iceberg::ThemeBox,
    dy: f32,
) -> Option<f64> {
    let centre = theme_box.rect.center() + vec2(0.0, dy);
    if !theme_box.placed && berg.shelf.contains(centre) {
        return None;
    }
    Some(berg.depth_at(centre.y))
}

/// The list of the listed theme's moments, on the right of the picture under the shelf of
/// themes not placed yet (so it never hides one); returns the card of the moment clicked.
fn moments_ui(
    ui: &mut Ui,
    doc: &Document,
    berg: &Iceberg,
    state: &mut IcebergView,
    rect: Rect,
    screen_from_scene: TSTransform,
) -> Option<CardId> {
    let id = state.listed.clone()?;
    let map = doc.map();
    let index = map.themes.index_of(&id)?;
    let facts = berg.facts.get(index)?;
    let name = shown_text(&map.themes[index].name).into_owned();
    let zone = doc.geometry().display_zone;
    let mut open = true;
    let mut chosen = None;
    let under_shelf = screen_from_scene.mul_rect(berg.shelf).bottom() + 12.0;
    // The theme's name goes in the window, wrapped: a long name in the title bar was cut.
    egui::Window::new("Moments")
        .id(Id::unique("waterline-iceberg-moments"))
        .open(&mut open)
        .default_pos(egui::pos2(rect.right() - 420.0, under_shelf))
        .default_width(400.0)
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            ui.add(egui::Label::new(egui::RichText::new(&name).strong()).wrap());
            ui.weak(format!(
                "{}; click one to see its card on the map",
                moments_label(facts.moments.len())
            ));
            if facts.moments.is_empty() {
                ui.label("No moment carries this theme yet.");
                return;
            }
            egui::ScrollArea::vertical()
                .max_height(rect.height() * 0.7)
                .show(ui, |ui| {
                    for moment in &facts.moments {
                        let text = moment_row(doc, moment, zone);
                        let button = egui::Button::new(text).wrap();
                        let response = ui.add_enabled(moment.card.is_some(), button);
                        if response.clicked() {
                            chosen = moment.card.clone();
                        }
                    }
                });
        });
    if !open {
        state.listed = None;
    }
    chosen
}

/// A moment as a row of the list: time, lane, what it says.
pub fn moment_row(doc: &Document, moment: &Moment, zone: chrono::FixedOffset) -> String {
    let map = doc.map();
    let time = moment
        .time
        .map_or_else(String::new, |t| format!("{} · ", t.clock_label_in(zone)));
    let lane = moment
        .lane
        .as_ref()
        .and_then(|l| map.lane(l))
        .map_or("the whole map", |l| l.name.as_str());
    let line = moment.line();
    format!("{time}{} · {}", shown_text(lane), shown_text(&line))
}
