//! An organisation's logo for its job ads: checked from the uploaded bytes, then re-encoded
//! into the two sizes the board and the feeds show.
//!
//! The rule comes from the customer checklist: JPEG or PNG, at least 810 × 275 px, in that
//! aspect ratio. Everything else is refused with an error that carries the numbers a person
//! needs to fix the file ("the image is 600 × 200 px; it must be at least 810 × 275 px").
//!
//! Untrusted bytes are read in a safe order: the file size, the magic bytes (never the name
//! or the declared content type), then the dimensions from the header — parsed here, without
//! the decoder — and only then the pixels, by a decoder with [`image::Limits`] set. A file
//! that declares 100 000 × 100 000 px is refused before a single pixel buffer exists.
//!
//! Renditions are always re-encoded, even when the upload already has the right size: that
//! drops metadata (EXIF, GPS positions, comments) and anything appended to the file.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbaImage};

use crate::i18n::Lang;

/// The smallest accepted logo, which is also the size the board shows.
pub const MIN_WIDTH: u32 = 810;
pub const MIN_HEIGHT: u32 = 275;
/// How far the width-to-height ratio may stray from 810:275, in per cent. 2 % is about 5 px
/// of height at the minimum size: enough for a hand-made crop or an export at another
/// scale to pass, too little for the logo to look stretched or letterboxed on the board
/// (the board rendition keeps the proportions, so the slack shows as at most ~5 px of
/// difference in the box).
pub const ASPECT_TOLERANCE_PERCENT: u64 = 2;
/// Larger uploads are refused before anything is read.
pub const MAX_FILE_BYTES: usize = 20_000_000;
/// Dimension limits checked from the header before decoding.
pub const MAX_SIDE: u32 = 12_000;
/// 25 megapixels: at the worst case of 16-bit RGBA (8 bytes per pixel) the decoded image is
/// 200 MB, inside [`MAX_DECODE_BYTES`]. A logo never needs more.
pub const MAX_PIXELS: u64 = 25_000_000;
/// What the decoder may allocate in all.
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// RSS 2.0 allows a channel image at most 144 px wide.
pub const FEED_WIDTH: u32 = 144;
/// JPEG quality of the renditions: high, because logos carry text and sharp edges.
const JPEG_QUALITY: u8 = 90;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_SOI: &[u8] = &[0xFF, 0xD8, 0xFF];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoFormat {
    Jpeg,
    Png,
}

impl LogoFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            LogoFormat::Jpeg => "image/jpeg",
            LogoFormat::Png => "image/png",
        }
    }
}

/// Why a logo was refused. [`LogoError::key`] is the translation key; [`LogoError::message`]
/// fills in the numbers.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    #[error("the file is {bytes} bytes, more than {MAX_FILE_BYTES}")]
    FileTooLarge { bytes: usize },
    #[error("not a JPEG or PNG file")]
    NotJpegOrPng,
    #[error("the image declares {width} × {height} px, more than can be processed")]
    DimensionsTooLarge { width: u32, height: u32 },
    #[error("the image is damaged or incomplete")]
    Corrupt,
    #[error("the image is {width} × {height} px, smaller than {MIN_WIDTH} × {MIN_HEIGHT} px")]
    TooSmall { width: u32, height: u32 },
    /// `fit_width` × `fit_height` is the largest crop of the image with the right ratio.
    #[error("the image is {width} × {height} px, not in the ratio {MIN_WIDTH}:{MIN_HEIGHT}")]
    WrongAspectRatio { width: u32, height: u32, fit_width: u32, fit_height: u32 },
    /// Re-encoding failed: our fault, not the file's.
    #[error("encoding the rendition failed: {0}")]
    Encode(String),
}

impl LogoError {
    pub fn key(&self) -> &'static str {
        match self {
            LogoError::FileTooLarge { .. } => "recruitment-logo-file-too-large",
            LogoError::NotJpegOrPng => "recruitment-logo-not-jpeg-or-png",
            LogoError::DimensionsTooLarge { .. } => "recruitment-logo-dimensions-too-large",
            LogoError::Corrupt => "recruitment-logo-corrupt",
            LogoError::TooSmall { .. } => "recruitment-logo-too-small",
            LogoError::WrongAspectRatio { .. } => "recruitment-logo-wrong-aspect-ratio",
            LogoError::Encode(_) => "error-unexpected",
        }
    }

    /// The message's arguments, with numbers written the way `lang` writes them.
    pub fn args(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let n = |v: u64| format_int(v, lang);
        let mut args = vec![
            ("min_width", n(MIN_WIDTH.into())),
            ("min_height", n(MIN_HEIGHT.into())),
            ("max_width", n(MAX_SIDE.into())),
            ("max_megapixels", n(MAX_PIXELS / 1_000_000)),
            ("max_size", n((MAX_FILE_BYTES / 1_000_000) as u64)),
        ];
        match *self {
            LogoError::FileTooLarge { bytes } => args.push(("size", format_megabytes(bytes, lang))),
            LogoError::DimensionsTooLarge { width, height }
            | LogoError::TooSmall { width, height } => {
                args.extend([("width", n(width.into())), ("height", n(height.into()))]);
            }
            LogoError::WrongAspectRatio { width, height, fit_width, fit_height } => args.extend([
                ("width", n(width.into())),
                ("height", n(height.into())),
                ("fit_width", n(fit_width.into())),
                ("fit_height", n(fit_height.into())),
            ]),
            _ => {}
        }
        args
    }

    /// The translated explanation, ready to show at the upload field.
    pub fn message(&self, lang: Lang) -> String {
        let args = self.args(lang);
        let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        lang.t_args(self.key(), &refs)
    }
}

/// One encoded size of the logo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendition {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// An accepted logo: the upload's size and the two renditions made from it.
#[derive(Clone, Debug)]
pub struct Logo {
    pub format: LogoFormat,
    pub source_width: u32,
    pub source_height: u32,
    /// For the job board and ad pages: fits in 810 × 275 with the upload's proportions.
    pub board: Rendition,
    /// For RSS `<image>` and other small places: 144 px wide.
    pub feed: Rendition,
}

/// Checks an uploaded logo without decoding its pixels: size, format, dimensions, ratio.
/// Returns the format and the declared dimensions.
pub fn inspect(bytes: &[u8]) -> Result<(LogoFormat, u32, u32), LogoError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LogoError::FileTooLarge { bytes: bytes.len() });
    }
    let (format, (width, height)) = if bytes.starts_with(PNG_SIGNATURE) {
        (LogoFormat::Png, png_dimensions(bytes)?)
    } else if bytes.starts_with(JPEG_SOI) {
        (LogoFormat::Jpeg, jpeg_scan(bytes).dimensions.ok_or(LogoError::Corrupt)?)
    } else {
        return Err(LogoError::NotJpegOrPng);
    };
    if width == 0 || height == 0 {
        return Err(LogoError::Corrupt);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(LogoError::DimensionsTooLarge { width, height });
    }
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Err(LogoError::TooSmall { width, height });
    }
    // |w/h − 810/275| ≤ 2 % of 810/275, in integers: |w·275 − h·810|·100 ≤ 2·h·810.
    let (w, h) = (u64::from(width), u64::from(height));
    let (rw, rh) = (u64::from(MIN_WIDTH), u64::from(MIN_HEIGHT));
    if (w * rh).abs_diff(h * rw) * 100 > ASPECT_TOLERANCE_PERCENT * h * rw {
        let (fit_width, fit_height) = if w * rh > h * rw {
            ((h * rw / rh) as u32, height) // too wide: keep the height
        } else {
            (width, (w * rh / rw) as u32) // too tall: keep the width
        };
        return Err(LogoError::WrongAspectRatio { width, height, fit_width, fit_height });
    }
    Ok((format, width, height))
}

/// Checks an uploaded logo and makes its renditions, in the upload's format: a PNG stays a
/// PNG (lossless, keeps transparency — right for flat graphics and text), a JPEG stays a JPEG
/// (the organisation chose it for a photographic logo, which PNG would bloat).
pub fn prepare(bytes: &[u8]) -> Result<Logo, LogoError> {
    let (format, width, height) = inspect(bytes)?;
    // The JPEG decoder fills in missing data rather than failing, so a cut-off upload would
    // otherwise become a logo with a grey bottom. The stream must reach its end marker.
    if format == LogoFormat::Jpeg && !jpeg_scan(bytes).complete {
        return Err(LogoError::Corrupt);
    }
    let mut reader = ImageReader::with_format(
        Cursor::new(bytes),
        match format {
            LogoFormat::Jpeg => ImageFormat::Jpeg,
            LogoFormat::Png => ImageFormat::Png,
        },
    );
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| LogoError::Corrupt)?;
    if (image.width(), image.height()) != (width, height) {
        return Err(LogoError::Corrupt);
    }

    let has_alpha = format == LogoFormat::Png && image.color().has_alpha();
    let board = shrink(image, MIN_WIDTH, MIN_HEIGHT, has_alpha);
    let feed = shrink(board.clone(), FEED_WIDTH, u32::MAX, has_alpha);
    Ok(Logo {
        format,
        source_width: width,
        source_height: height,
        board: encode(&board, format)?,
        feed: encode(&feed, format)?,
    })
}

/// Scales `image` to fit in `max_w` × `max_h`, keeping its proportions. Images with
/// transparency are scaled with premultiplied alpha, otherwise the colour of invisible
/// pixels (often black) bleeds into the edges as a dark halo.
fn shrink(image: DynamicImage, max_w: u32, max_h: u32, has_alpha: bool) -> DynamicImage {
    if !has_alpha {
        return DynamicImage::ImageRgb8(
            image.resize(max_w, max_h, FilterType::Lanczos3).into_rgb8(),
        );
    }
    let mut rgba = image.into_rgba8();
    premultiply(&mut rgba, true);
    let mut scaled =
        DynamicImage::ImageRgba8(rgba).resize(max_w, max_h, FilterType::Lanczos3).into_rgba8();
    premultiply(&mut scaled, false);
    DynamicImage::ImageRgba8(scaled)
}

/// Multiplies colour by alpha (`forward`) or divides it back out.
fn premultiply(image: &mut RgbaImage, forward: bool) {
    for pixel in image.pixels_mut() {
        let a = u32::from(pixel[3]);
        for c in &mut pixel.0[..3] {
            let v = u32::from(*c);
            *c = if forward {
                ((v * a + 127) / 255) as u8
            } else {
                // Fully transparent pixels have no colour left to recover.
                (v * 255 + a / 2).checked_div(a).map_or(0, |u| u.min(255) as u8)
            };
        }
    }
}

fn encode(image: &DynamicImage, format: LogoFormat) -> Result<Rendition, LogoError> {
    let mut bytes = Vec::new();
    let result = match format {
        LogoFormat::Jpeg => {
            image.write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY))
        }
        LogoFormat::Png => image.write_with_encoder(PngEncoder::new_with_quality(
            &mut bytes,
            CompressionType::Best,
            PngFilter::Adaptive,
        )),
    };
    result.map_err(|e| LogoError::Encode(e.to_string()))?;
    Ok(Rendition {
        bytes,
        content_type: format.content_type(),
        width: image.width(),
        height: image.height(),
    })
}

/// Width and height from a PNG's IHDR chunk, which the format requires to come first.
fn png_dimensions(bytes: &[u8]) -> Result<(u32, u32), LogoError> {
    let ihdr = bytes.get(8..24).ok_or(LogoError::Corrupt)?;
    if &ihdr[4..8] != b"IHDR" {
        return Err(LogoError::Corrupt);
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Ok((be(&ihdr[8..12]), be(&ihdr[12..16])))
}

struct JpegScan {
    /// From the first frame header (SOFn).
    dimensions: Option<(u32, u32)>,
    /// The marker structure is intact up to the end-of-image marker.
    complete: bool,
}

/// Walks a JPEG's marker segments without decoding: finds the frame header's dimensions and
/// whether the stream reaches its end-of-image marker. Stops at the first inconsistency.
fn jpeg_scan(data: &[u8]) -> JpegScan {
    let mut scan = JpegScan { dimensions: None, complete: false };
    let mut i = 2; // after SOI
    loop {
        if data.get(i) != Some(&0xFF) {
            return scan;
        }
        while data.get(i) == Some(&0xFF) {
            i += 1; // fill bytes
        }
        let Some(&marker) = data.get(i) else { return scan };
        i += 1;
        match marker {
            0xD9 => {
                scan.complete = scan.dimensions.is_some();
                return scan;
            }
            0x01 | 0xD0..=0xD7 => continue, // markers without a segment
            0x00 => return scan,
            _ => {}
        }
        let Some(len) = data.get(i..i + 2).map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return scan;
        };
        let Some(segment) = data.get(i + 2..i + len).filter(|_| len >= 2) else { return scan };
        // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (reserved) and CC (DAC) share the range.
        if matches!(marker, 0xC0..=0xCF)
            && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
            && scan.dimensions.is_none()
        {
            let Some(sof) = segment.get(..5) else { return scan };
            let height = u32::from(u16::from_be_bytes([sof[1], sof[2]]));
            let width = u32::from(u16::from_be_bytes([sof[3], sof[4]]));
            scan.dimensions = Some((width, height));
        }
        i += len;
        if marker == 0xDA {
            // Entropy-coded data follows the scan header, up to the next real marker
            // (FF00 is an escaped data byte, FFD0–FFD7 restart markers).
            loop {
                let Some(j) = data.get(i..).and_then(|rest| rest.iter().position(|&b| b == 0xFF))
                else {
                    return scan;
                };
                match data.get(i + j + 1) {
                    None => return scan,
                    Some(0x00 | 0xD0..=0xD7) => i += j + 2,
                    Some(_) => {
                        i += j;
                        break;
                    }
                }
            }
        }
    }
}

/// `12 000` in Finnish and Swedish (no-break space), `12,000` in English.
fn format_int(v: u64, lang: Lang) -> String {
    let sep = if lang == Lang::En { ',' } else { '\u{a0}' };
    let digits = v.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

/// Megabytes with one decimal, rounded up so a file just over the limit never reads as
/// equal to it; decimal comma in Finnish and Swedish.
fn format_megabytes(bytes: usize, lang: Lang) -> String {
    let tenths = (bytes as u64).div_ceil(100_000);
    let s = format!("{}.{}", tenths / 10, tenths % 10);
    if lang == Lang::En { s } else { s.replace('.', ",") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, RgbImage, Rgba};

    fn rgb_image(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128]))
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 80).encode_image(&rgb_image(w, h)).unwrap();
        out
    }

    fn png_rgb(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(rgb_image(w, h).as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    fn png_rgba(img: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    }

    /// A PNG that is only a signature and an IHDR chunk (CRC left zero: we never get as far
    /// as checking it).
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut out = PNG_SIGNATURE.to_vec();
        out.extend(13u32.to_be_bytes());
        out.extend(b"IHDR");
        out.extend(w.to_be_bytes());
        out.extend(h.to_be_bytes());
        out.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        out
    }

    fn decode(bytes: &[u8]) -> DynamicImage {
        image::load_from_memory(bytes).unwrap()
    }

    #[test]
    fn jpeg_of_exactly_the_minimum_size_is_accepted_as_jpeg() {
        let logo = prepare(&jpeg(810, 275)).unwrap();
        assert_eq!(logo.format, LogoFormat::Jpeg);
        assert_eq!((logo.source_width, logo.source_height), (810, 275));
        assert_eq!(logo.board.content_type, "image/jpeg");
        assert!(logo.board.bytes.starts_with(JPEG_SOI));
        assert_eq!((logo.board.width, logo.board.height), (810, 275));
        let board = decode(&logo.board.bytes);
        assert_eq!((board.width(), board.height()), (810, 275));
        // 144 × 275/810 = 48.9
        assert_eq!((logo.feed.width, logo.feed.height), (144, 49));
        let feed = decode(&logo.feed.bytes);
        assert_eq!((feed.width(), feed.height()), (144, 49));
    }

    #[test]
    fn larger_jpeg_is_scaled_down_to_the_board_size() {
        let logo = prepare(&jpeg(1620, 550)).unwrap();
        assert_eq!((logo.source_width, logo.source_height), (1620, 550));
        let board = decode(&logo.board.bytes);
        assert_eq!((board.width(), board.height()), (810, 275));
        assert_eq!(logo.feed.width, FEED_WIDTH);
    }

    #[test]
    fn png_without_alpha_stays_an_opaque_png() {
        let logo = prepare(&png_rgb(1620, 550)).unwrap();
        assert_eq!(logo.board.content_type, "image/png");
        assert!(logo.board.bytes.starts_with(PNG_SIGNATURE));
        let board = decode(&logo.board.bytes);
        assert_eq!(board.color(), image::ColorType::Rgb8);
        assert_eq!((board.width(), board.height()), (810, 275));
    }

    #[test]
    fn transparent_png_keeps_its_transparency_without_dark_edges() {
        // Left half invisible black, right half opaque white: the usual export of a white
        // logo on a transparent background.
        let img = RgbaImage::from_fn(1620, 550, |x, _| {
            if x < 810 { Rgba([0, 0, 0, 0]) } else { Rgba([255, 255, 255, 255]) }
        });
        let logo = prepare(&png_rgba(&img)).unwrap();
        let board = decode(&logo.board.bytes).into_rgba8();
        assert_eq!(board.dimensions(), (810, 275));
        assert_eq!(board.get_pixel(10, 100)[3], 0, "transparent area stays transparent");
        assert_eq!(board.get_pixel(800, 100).0, [255, 255, 255, 255]);
        // Across the edge, partly transparent pixels must still be white, not grey (scaled
        // without premultiplying, a pixel of alpha 14 came out as RGB 14).
        for x in 400..410 {
            let p = board.get_pixel(x, 100);
            if p[3] > 0 {
                assert!(p[0] >= 250 && p[1] >= 250 && p[2] >= 250, "dark halo at x={x}: {p:?}");
            }
        }
        assert!(
            (400..410).any(|x| (1..255).contains(&board.get_pixel(x, 100)[3])),
            "the edge should be anti-aliased"
        );
    }

    #[test]
    fn too_small_says_how_big_it_is_and_must_be() {
        let err = prepare(&jpeg(600, 200)).unwrap_err();
        assert_eq!(err, LogoError::TooSmall { width: 600, height: 200 });
        assert_eq!(
            err.message(Lang::Fi),
            "Kuva on 600 × 200 px; sen on oltava vähintään 810 × 275 px."
        );
        assert_eq!(
            err.message(Lang::En),
            "The image is 600 × 200 px; it must be at least 810 × 275 px."
        );
        assert_eq!(
            err.message(Lang::Sv),
            "Bilden är 600 × 200 px; den måste vara minst 810 × 275 px."
        );
        // The right width is not enough: both sides count.
        assert_eq!(
            prepare(&png_rgb(810, 274)).unwrap_err(),
            LogoError::TooSmall { width: 810, height: 274 }
        );
    }

    #[test]
    fn wrong_aspect_ratio_is_refused_with_a_crop_that_would_fit() {
        let err = prepare(&png_rgb(1000, 500)).unwrap_err();
        // Too tall: keep the width, 1000 × 275/810 = 339.5 → 339.
        assert_eq!(
            err,
            LogoError::WrongAspectRatio {
                width: 1000,
                height: 500,
                fit_width: 1000,
                fit_height: 339
            }
        );
        let fi = err.message(Lang::Fi);
        assert!(fi.contains("1\u{a0}000 × 500 px") && fi.contains("1\u{a0}000 × 339 px"), "{fi}");
        // Too wide: keep the height, 300 × 810/275 = 883.6 → 883.
        let err = inspect(&png_rgb(1200, 300)).unwrap_err();
        assert_eq!(
            err,
            LogoError::WrongAspectRatio {
                width: 1200,
                height: 300,
                fit_width: 883,
                fit_height: 300
            }
        );
        assert!(err.message(Lang::En).contains("1,200 × 300 px"), "{}", err.message(Lang::En));
    }

    #[test]
    fn aspect_tolerance_is_two_per_cent_each_way() {
        // Height: 810 × 280 is 1.8 % off, 810 × 281 is 2.1 % off.
        assert!(inspect(&png_rgb(810, 280)).is_ok());
        assert!(matches!(inspect(&png_rgb(810, 281)), Err(LogoError::WrongAspectRatio { .. })));
        // Width: 826 × 275 is 1.98 % off, 827 × 275 is 2.1 % off.
        assert!(inspect(&png_rgb(826, 275)).is_ok());
        assert!(matches!(inspect(&png_rgb(827, 275)), Err(LogoError::WrongAspectRatio { .. })));
        // The accepted off-ratio image keeps its proportions inside the 810 × 275 box.
        let logo = prepare(&png_rgb(810, 280)).unwrap();
        assert_eq!((logo.board.width, logo.board.height), (796, 275));
    }

    #[test]
    fn huge_declared_dimensions_are_refused_before_decoding() {
        // A PNG header alone: no pixel data exists, so decoding would fail as corrupt —
        // getting DimensionsTooLarge proves the header was read first.
        let err = prepare(&png_header(100_000, 100_000)).unwrap_err();
        assert_eq!(err, LogoError::DimensionsTooLarge { width: 100_000, height: 100_000 });
        assert!(
            err.message(Lang::Fi).contains("100\u{a0}000 × 100\u{a0}000 px"),
            "{}",
            err.message(Lang::Fi)
        );
        // Right ratio, each side under the limit, but 11 000 × 3 735 is 41 megapixels.
        assert_eq!(
            prepare(&png_header(11_000, 3_735)).unwrap_err(),
            LogoError::DimensionsTooLarge { width: 11_000, height: 3_735 }
        );
        // A JPEG frame header declaring 20 000 × 6 790.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
        jpeg.extend(6790u16.to_be_bytes());
        jpeg.extend(20_000u16.to_be_bytes());
        jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        assert_eq!(
            prepare(&jpeg).unwrap_err(),
            LogoError::DimensionsTooLarge { width: 20_000, height: 6_790 }
        );
    }

    #[test]
    fn truncated_or_damaged_files_are_corrupt() {
        let whole = jpeg(810, 275);
        assert!(prepare(&whole).is_ok());
        let cut = &whole[..whole.len() * 6 / 10];
        assert_eq!(prepare(cut).unwrap_err(), LogoError::Corrupt);
        // Only the end-of-image marker missing.
        assert_eq!(prepare(&whole[..whole.len() - 2]).unwrap_err(), LogoError::Corrupt);
        // A JPEG start and nothing else.
        assert_eq!(prepare(&[0xFF, 0xD8, 0xFF]).unwrap_err(), LogoError::Corrupt);

        let png = png_rgb(810, 275);
        assert_eq!(prepare(&png[..png.len() * 6 / 10]).unwrap_err(), LogoError::Corrupt);
        // A PNG header declaring a fine size, and no image data.
        assert_eq!(prepare(&png_header(810, 275)).unwrap_err(), LogoError::Corrupt);
        // PNG signature followed by something that is not IHDR.
        let mut bad = PNG_SIGNATURE.to_vec();
        bad.extend(b"\0\0\0\rJUNKxxxxxxxxxxxxxxxxx");
        assert_eq!(prepare(&bad).unwrap_err(), LogoError::Corrupt);
    }

    #[test]
    fn jpeg_walk_follows_progressive_scans_to_the_end() {
        // SOI, APP0, SOF2 (progressive, 900 × 300), then two scans whose data holds a stuffed
        // FF00 and a restart marker, then EOI and trailing bytes some cameras append.
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, b'J', b'F'];
        j.extend([0xFF, 0xC2, 0x00, 0x0B, 0x08, 0x01, 0x2C, 0x03, 0x84, 0x01, 0x01, 0x11, 0x00]);
        for _ in 0..2 {
            j.extend([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
            j.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        }
        let end = j.len();
        j.extend([0xFF, 0xD9, 0xDE, 0xAD]);
        let scan = jpeg_scan(&j);
        assert_eq!(scan.dimensions, Some((900, 300)));
        assert!(scan.complete);
        // Cut anywhere before EOI: incomplete, though the size is known from the header.
        for cut in [end, end - 3, 30] {
            let scan = jpeg_scan(&j[..cut]);
            assert_eq!(scan.dimensions, Some((900, 300)));
            assert!(!scan.complete, "cut at {cut}");
        }
        // A segment length running past the end of the file.
        assert!(jpeg_scan(&[0xFF, 0xD8, 0xFF, 0xE0, 0x10, 0x00, 0x01]).dimensions.is_none());
    }

    #[test]
    fn only_jpeg_and_png_magic_bytes_count() {
        let gif = b"GIF89a\x2a\x03\x13\x01\x00\x00\x00;".to_vec(); // "logo.png" that is a GIF
        assert_eq!(prepare(&gif).unwrap_err(), LogoError::NotJpegOrPng);
        assert_eq!(
            prepare(b"This is not an image, just text named logo.jpg\n").unwrap_err(),
            LogoError::NotJpegOrPng
        );
        assert_eq!(prepare(b"").unwrap_err(), LogoError::NotJpegOrPng);
        // A PNG with its first byte lost is not a PNG.
        assert_eq!(prepare(&png_rgb(810, 275)[1..]).unwrap_err(), LogoError::NotJpegOrPng);
    }

    #[test]
    fn oversized_file_is_refused_before_reading_it() {
        let mut big = png_rgb(810, 275);
        big.resize(MAX_FILE_BYTES + 1, 0);
        let err = prepare(&big).unwrap_err();
        assert_eq!(err, LogoError::FileTooLarge { bytes: MAX_FILE_BYTES + 1 });
        assert_eq!(
            err.message(Lang::Fi),
            "Tiedoston koko on 20,1 Mt; logon enimmäiskoko on 20 Mt."
        );
        assert_eq!(err.message(Lang::En), "The file is 20.1 MB; a logo can be at most 20 MB.");
    }

    #[test]
    fn every_error_has_a_message_in_every_language() {
        let errors = [
            LogoError::FileTooLarge { bytes: 30_000_000 },
            LogoError::NotJpegOrPng,
            LogoError::DimensionsTooLarge { width: 100_000, height: 100_000 },
            LogoError::Corrupt,
            LogoError::TooSmall { width: 600, height: 200 },
            LogoError::WrongAspectRatio {
                width: 1000,
                height: 500,
                fit_width: 1000,
                fit_height: 339,
            },
            LogoError::Encode("x".into()),
        ];
        for err in errors {
            for lang in Lang::ALL {
                let text = err.message(lang);
                assert_ne!(text, err.key(), "{lang}: {} missing", err.key());
                assert!(!text.contains('{'), "{lang}: unfilled variable in {text}");
            }
        }
    }

    #[test]
    fn numbers_are_written_per_language() {
        assert_eq!(format_int(810, Lang::Fi), "810");
        assert_eq!(format_int(12_000, Lang::Sv), "12\u{a0}000");
        assert_eq!(format_int(1_234_567, Lang::En), "1,234,567");
        assert_eq!(format_megabytes(20_000_001, Lang::Fi), "20,1");
        assert_eq!(format_megabytes(1_500_000, Lang::En), "1.5");
    }
}
