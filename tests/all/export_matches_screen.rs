//! The exported PNG and the screen agree: the same page drawn the way the canvas is drawn
//! on screen (egui's tessellation with feathered edges, rasterized by egui_wgpu on a GPU,
//! here Mesa's software one) and by the export (the CPU rasterizer, with exact coverage)
//! differ by no more than anti-aliasing rounding, in both themes and at two scales.

use egui::emath::TSTransform;
use egui::epaint::ClippedShape;
use egui::{Pos2, RawInput, Rect, vec2};
use egui_wgpu::wgpu;
use image::RgbaImage;
use std::sync::Arc;
use waterline::export::{PngOptions, Rasterizer};
use waterline::io::parse_map;
use waterline::layout::{LayoutSettings, layout};
use waterline::model::Map;
use waterline::render::{self, Theme, View};
use waterline::samples;

const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// Draws the whole page through egui_wgpu, as the app draws the canvas.
fn page_on_gpu(map: &Map, options: &PngOptions) -> RgbaImage {
    let settings = LayoutSettings::default();
    let geometry = layout(map, &settings);
    let instance = wgpu::Instance::new(wgpu::InstanceDescriptor {
        backends: wgpu::Backends::from_env()
            .unwrap_or(wgpu::Backends::PRIMARY | wgpu::Backends::GL),
        ..wgpu::InstanceDescriptor::new_without_display_handle()
    });
    let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions::default()))
        .expect("a graphics adapter (CI installs Mesa's software one: mesa-vulkan-drivers libgl1-mesa-dri libegl1)");
    let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
        required_limits: adapter.limits(),
        ..Default::default()
    }))
    .expect("a device");
    let mut renderer =
        egui_wgpu::Renderer::new(&device, FORMAT, egui_wgpu::RendererOptions::PREDICTABLE);
    let ctx = egui::Context::default();
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    // Glyphs are written into the atlas for the theme, as the app does.
    ctx.set_visuals(if options.dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    });
    let theme = Theme::for_dark_mode(options.dark);
    let scale = options.scale;
    let page = render::page_size(&geometry);
    let size = [
        (page.x * scale).ceil() as u32,
        (page.y * scale).ceil() as u32,
    ];
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(size[0] as f32, size[1] as f32) / scale);
    let view = View {
        screen_from_scene: TSTransform::IDENTITY,
        clip,
        sticky_chrome: false,
        until: None,
    };
    ctx.set_pixels_per_point(scale);
    let mut shapes = vec![egui::Shape::rect_filled(clip, 0.0, theme.background)];
    let mut output = ctx.run_ui(
        RawInput {
            screen_rect: Some(clip),
            ..RawInput::default()
        },
        |ui| {
            ui.ctx().fonts_mut(|fonts| {
                render::paint_page(map, &geometry, &settings, &theme, &view, fonts, &mut shapes);
            });
        },
    );
    for (id, deltas) in &output.textures_delta.set {
        for delta in deltas {
            renderer.update_texture(&device, &queue, *id, delta);
        }
    }
    let clipped: Vec<ClippedShape> = shapes
        .into_iter()
        .map(|s| ClippedShape::new(clip, s))
        .collect();
    let primitives = ctx.tessellate(clipped, scale);
    let screen = egui_wgpu::ScreenDescriptor {
        size_in_pixels: size,
        pixels_per_point: scale,
    };
    let texture = device.create_texture(&wgpu::TextureDescriptor {
        label: None,
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
    let mut encoder =
        device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
    let extra = renderer.update_buffers(&device, &queue, &mut encoder, &primitives, &screen);
    {
        let mut pass = encoder
            .begin_render_pass(&wgpu::RenderPassDescriptor {
                label: None,
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &target,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                        store: wgpu::StoreOp::Store,
                    },
                    depth_slice: None,
                })],
                ..Default::default()
            })
            .forget_lifetime();
        renderer.render(&mut pass, &primitives, &screen);
    }
    // Read the texture back (rows padded as wgpu requires).
    let row = size[0] as usize * 4;
    let padded = row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize)
        * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: None,
        size: (padded * size[1] as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded as u32),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width: size[0],
            height: size[1],
            depth_or_array_layers: 1,
        },
    );
    let submission = queue.submit(extra.into_iter().chain(std::iter::once(encoder.finish())));
    buffer
        .slice(..)
        .map_async(wgpu::MapMode::Read, |result| result.expect("mapped"));
    device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(submission),
            timeout: None,
        })
        .expect("the GPU finished");
    let data = buffer.slice(..).get_mapped_range().expect("mapped");
    let pixels: Vec<u8> = data
        .chunks_exact(padded)
        .flat_map(|line| &line[..row])
        .copied()
        .collect();
    drop(data);
    output.textures_delta.clear();
    RgbaImage::from_raw(size[0], size[1], pixels).expect("the size")
}

fn exported(map: &Map, options: &PngOptions) -> RgbaImage {
    let settings = LayoutSettings::default();
    Rasterizer::new()
        .render(map, &layout(map, &settings), &settings, options)
        .expect("exports")
}

#[test]
fn the_export_draws_the_page_as_the_gpu_draws_the_screen() {
    let map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    for options in [
        PngOptions {
            scale: 1.0,
            dark: false,
        },
        PngOptions {
            scale: 2.0,
            dark: false,
        },
        PngOptions {
            scale: 1.0,
            dark: true,
        },
    ] {
        let gpu = page_on_gpu(&map, &options);
        let cpu = exported(&map, &options);
        assert_eq!(gpu.dimensions(), cpu.dimensions());
        let differences: Vec<u8> = gpu
            .pixels()
            .zip(cpu.pixels())
            .map(|(a, b)| (0..3).map(|c| a.0[c].abs_diff(b.0[c])).max().unwrap_or(0))
            .collect();
        if let Some(dir) = std::env::var_os("DIFF_DIR") {
            let dir = std::path::PathBuf::from(dir);
            gpu.save(dir.join(format!("gpu-{}-{}.png", options.scale, options.dark)))
                .unwrap();
            cpu.save(dir.join(format!("cpu-{}-{}.png", options.scale, options.dark)))
                .unwrap();
        }
        let mean =
            differences.iter().map(|&d| f64::from(d)).sum::<f64>() / differences.len() as f64;
        let visible =
            differences.iter().filter(|&&d| d > 48).count() as f64 / differences.len() as f64;
        println!(
            "{options:?}: mean difference {mean:.3}, {:.4}% of pixels differ by more than 48",
            visible * 100.0
        );
        assert!(
            mean < 0.5,
            "{options:?}: mean difference {mean:.3} per pixel"
        );
        assert!(
            visible < 0.002,
            "{options:?}: {:.3}% of pixels differ visibly",
            visible * 100.0
        );
    }
}
