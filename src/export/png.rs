//! PNG export: the page drawn by `render::paint_page` (the same code as the canvas),
//! tessellated by egui and rasterized by `egui_wgpu` into an offscreen texture, read back
//! and encoded. Pages larger than the GPU's largest texture are drawn in tiles and
//! stitched; the result is checked to hold the whole map before it is written.

use super::ExportError;
use crate::layout::{Geometry, LayoutSettings};
use crate::model::Map;
use crate::render::{self, Theme, View};
use egui::emath::TSTransform;
use egui::epaint::ClippedShape;
use egui::{Pos2, RawInput, Rect, vec2};
use egui_wgpu::wgpu;
use image::RgbaImage;
use std::sync::Arc;
use std::time::Duration;

/// No image held whole in memory is larger than this many pixels (about 200 MB of RGBA).
pub const MAX_PIXELS: u64 = 50_000_000;
/// A PNG streamed to a file, strip by strip, may be this large: memory stays at one strip.
pub const MAX_STREAMED_PIXELS: u64 = 4_000_000_000;

/// Tiles are at most this wide and tall, below every adapter's texture limit here.
const TILE_SIDE: u32 = 4096;

const GPU_WAIT: Duration = Duration::from_secs(60);

/// How to draw the PNG.
#[derive(Clone, Debug, PartialEq)]
pub struct PngOptions {
    /// Pixels per scene point: 2 for a crisp image on high-density screens and print.
    pub scale: f32,
    pub dark: bool,
}

impl Default for PngOptions {
    fn default() -> Self {
        PngOptions {
            scale: 1.0,
            dark: false,
        }
    }
}

/// A GPU device and an egui renderer for offscreen drawing, made once and reused.
pub struct Rasterizer {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: egui_wgpu::Renderer,
    ctx: egui::Context,
    tile_side: u32,
    /// "llvmpipe (LLVM 19, 256 bits) on Gl": said in errors and benchmarks.
    pub adapter_name: String,
}

/// Textures in this format hold sRGB bytes as egui draws them: exactly what a PNG stores.
const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

impl Rasterizer {
    /// Finds a GPU, or the software one (llvmpipe, lavapipe). No window or display needed.
    pub fn new() -> Result<Self, ExportError> {
        let instance = wgpu::Instance::new(wgpu::InstanceDescriptor {
            backends: wgpu::Backends::from_env()
                .unwrap_or(wgpu::Backends::PRIMARY | wgpu::Backends::GL),
            ..wgpu::InstanceDescriptor::new_without_display_handle()
        });
        let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::LowPower,
            compatible_surface: None,
            ..Default::default()
        }))
        .map_err(|err| ExportError::NoGpu(err.to_string()))?;
        let info = adapter.get_info();
        let limits = adapter.limits();
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("waterline export"),
            required_limits: limits.clone(),
            ..Default::default()
        }))
        .map_err(|err| ExportError::NoGpu(err.to_string()))?;
        let renderer =
            egui_wgpu::Renderer::new(&device, FORMAT, egui_wgpu::RendererOptions::PREDICTABLE);
        let ctx = egui::Context::default();
        ctx.add_font_provider(Arc::new(
            egui_system_font_provider::SystemFontProvider::new(),
        ));
        Ok(Rasterizer {
            device,
            queue,
            renderer,
            ctx,
            tile_side: TILE_SIDE.min(limits.max_texture_dimension_2d),
            adapter_name: format!("{} on {:?}", info.name, info.backend),
        })
    }

    /// Draws the map's page as a PNG into `out`, one strip of tiles at a time, so memory
    /// stays at one strip however tall the map is. Returns the size in pixels.
    pub fn stream_png(
        &mut self,
        map: &Map,
        geometry: &Geometry,
        settings: &LayoutSettings,
        options: &PngOptions,
        out: impl std::io::Write,
    ) -> Result<(u32, u32), ExportError> {
        let (width, height) = self.pixel_size(geometry, options, MAX_STREAMED_PIXELS)?;
        let theme = Theme::for_dark_mode(options.dark);
        let mut encoder = png::Encoder::new(out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let encode = |err: png::EncodingError| ExportError::Encode(err.to_string());
        let mut writer = encoder.write_header().map_err(encode)?;
        let mut stream = writer.stream_writer().map_err(encode)?;
        let side = self.tile_side;
        let mut drawn = 0;
        for top in (0..height).step_by(side as usize) {
            let strip_h = side.min(height - top);
            let mut strip = RgbaImage::new(width, strip_h);
            for left in (0..width).step_by(side as usize) {
                let tile_w = side.min(width - left);
                let tile = self.render_tile(
                    map,
                    geometry,
                    settings,
                    &theme,
                    options.scale,
                    [left, top],
                    [tile_w, strip_h],
                )?;
                image::imageops::replace(&mut strip, &tile, i64::from(left), 0);
            }
            drawn += drawn_pixels(&strip, &theme);
            std::io::Write::write_all(&mut stream, strip.as_raw())
                .map_err(|err| ExportError::Encode(err.to_string()))?;
        }
        stream.finish().map_err(encode)?;
        writer.finish().map_err(encode)?;
        if drawn < BLANK_BELOW {
            return Err(ExportError::Blank);
        }
        Ok((width, height))
    }

    /// The page's size in pixels at the options' scale, checked against `limit`.
    fn pixel_size(
        &self,
        geometry: &Geometry,
        options: &PngOptions,
        limit: u64,
    ) -> Result<(u32, u32), ExportError> {
        let scale = options.scale;
        if !(0.1..=8.0).contains(&scale) {
            return Err(ExportError::Options(format!(
                "a scale of {scale} is out of range (0.1 to 8)"
            )));
        }
        let page = render::page_size(geometry);
        let width = (page.x * scale).ceil() as u32;
        let height = (page.y * scale).ceil() as u32;
        if u64::from(width) * u64::from(height) > limit {
            return Err(ExportError::TooLarge { width, height });
        }
        Ok((width, height))
    }

    /// Draws the map's page to an image held in memory.
    pub fn render(
        &mut self,
        map: &Map,
        geometry: &Geometry,
        settings: &LayoutSettings,
        options: &PngOptions,
    ) -> Result<RgbaImage, ExportError> {
        let scale = options.scale;
        let (width, height) = self.pixel_size(geometry, options, MAX_PIXELS)?;
        let theme = Theme::for_dark_mode(options.dark);
        let mut image = RgbaImage::new(width, height);
        let side = self.tile_side;
        for top in (0..height).step_by(side as usize) {
            for left in (0..width).step_by(side as usize) {
                let tile_w = side.min(width - left);
                let tile_h = side.min(height - top);
                let tile = self.render_tile(
                    map,
                    geometry,
                    settings,
                    &theme,
                    scale,
                    [left, top],
                    [tile_w, tile_h],
                )?;
                image::imageops::replace(&mut image, &tile, i64::from(left), i64::from(top));
            }
        }
        if drawn_pixels(&image, &theme) < BLANK_BELOW {
            return Err(ExportError::Blank);
        }
        Ok(image)
    }

    /// One tile: the page seen through a window at `origin` (pixels) of `size` pixels.
    #[allow(clippy::too_many_arguments)]
    fn render_tile(
        &mut self,
        map: &Map,
        geometry: &Geometry,
        settings: &LayoutSettings,
        theme: &Theme,
        scale: f32,
        origin: [u32; 2],
        size: [u32; 2],
    ) -> Result<RgbaImage, ExportError> {
        // Everything is laid out in points; the renderer turns points into pixels.
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(size[0] as f32, size[1] as f32) / scale);
        let view = View {
            screen_from_scene: TSTransform::from_translation(
                -vec2(origin[0] as f32, origin[1] as f32) / scale,
            ),
            clip,
            sticky_chrome: false,
            until: None,
        };
        let input = RawInput {
            screen_rect: Some(clip),
            ..RawInput::default()
        };
        self.ctx.set_pixels_per_point(scale);
        let mut shapes = Vec::new();
        let mut output = self.ctx.run_ui(input, |ui| {
            ui.ctx().fonts_mut(|fonts| {
                render::paint_page(map, geometry, settings, theme, &view, fonts, &mut shapes);
            });
        });
        for (id, deltas) in &output.textures_delta.set {
            for delta in deltas {
                self.renderer
                    .update_texture(&self.device, &self.queue, *id, delta);
            }
        }
        let clipped: Vec<ClippedShape> = shapes
            .into_iter()
            .map(|s| ClippedShape::new(clip, s))
            .collect();
        let primitives = self.ctx.tessellate(clipped, scale);
        let screen = egui_wgpu::ScreenDescriptor {
            size_in_pixels: size,
            pixels_per_point: scale,
        };
        let texture = self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("waterline export tile"),
            size: wgpu::Extent3d {
                width: size[0],
                height: size[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let target = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
        let extra = self.renderer.update_buffers(
            &self.device,
            &self.queue,
            &mut encoder,
            &primitives,
            &screen,
        );
        {
            let background = theme.background.to_normalized_gamma_f32();
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("waterline export"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &target,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color {
                                r: f64::from(background[0]),
                                g: f64::from(background[1]),
                                b: f64::from(background[2]),
                                a: 1.0,
                            }),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            self.renderer.render(&mut pass, &primitives, &screen);
        }
        self.queue
            .submit(extra.into_iter().chain(std::iter::once(encoder.finish())));
        let image = read_back(&self.device, &self.queue, &texture)?;
        for id in &output.textures_delta.free {
            self.renderer.free_texture(id);
        }
        // Applied above; epaint insists deltas are marked handled.
        output.textures_delta.clear();
        Ok(image)
    }
}

/// Copies a texture to memory (rows padded as the GPU requires) and trims the padding.
fn read_back(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    texture: &wgpu::Texture,
) -> Result<RgbaImage, ExportError> {
    let (width, height) = (texture.width(), texture.height());
    let row = width as usize * 4;
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let padded_row = row.div_ceil(align) * align;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("waterline export read-back"),
        size: (padded_row * height as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut encoder =
        device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded_row as u32),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
    );
    let submission = queue.submit(std::iter::once(encoder.finish()));
    let (sender, receiver) = std::sync::mpsc::channel();
    buffer
        .slice(..)
        .map_async(wgpu::MapMode::Read, move |result| drop(sender.send(result)));
    device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(submission),
            timeout: Some(GPU_WAIT),
        })
        .map_err(|err| ExportError::Gpu(err.to_string()))?;
    receiver
        .recv()
        .map_err(|err| ExportError::Gpu(err.to_string()))?
        .map_err(|err| ExportError::Gpu(err.to_string()))?;
    let data = buffer
        .slice(..)
        .get_mapped_range()
        .map_err(|err| ExportError::Gpu(err.to_string()))?;
    let pixels: Vec<u8> = data
        .chunks_exact(padded_row)
        .flat_map(|line| &line[..row])
        .copied()
        .collect();
    drop(data);
    RgbaImage::from_raw(width, height, pixels)
        .ok_or_else(|| ExportError::Gpu("the read-back image has the wrong size".to_owned()))
}

/// Fewer sampled pixels than this differing from the background: the image is blank.
const BLANK_BELOW: usize = 64;

/// How many sampled pixels differ from the background (every 7th pixel, up to enough to
/// know the image is not blank): never write a blank PNG as a success.
fn drawn_pixels(image: &RgbaImage, theme: &Theme) -> usize {
    let background = theme.background.to_array();
    image
        .pixels()
        .step_by(7)
        .filter(|p| p.0[..3] != background[..3])
        .take(BLANK_BELOW)
        .count()
}
