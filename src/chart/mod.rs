//! Bar charts of published results, drawn in memory and encoded as PNG.
//!
//! The font is bundled (DejaVu Sans, see `DejaVuSans-LICENSE.txt`) so the
//! server needs no system font libraries and every chart looks the same.

use crate::error::{Error, Result};
use plotters::{
    backend::RGBPixel,
    prelude::*,
    style::{
        RGBColor,
        text_anchor::{HPos, Pos, VPos},
    },
};
use std::{fmt::Display, sync::OnceLock};

/// Width of every chart: wide enough to read on a phone without zooming.
pub const WIDTH: u32 = 800;
/// Height before the bars: title, subtitle and the points axis.
pub const BASE_HEIGHT: u32 = 120;
/// Height of one bar with its label.
pub const ROW_HEIGHT: u32 = 48;

/// Plotters looks fonts up by family; registering ours under the generic name
/// also serves the axis labels, which ask for `sans-serif`.
const FAMILY: &str = "sans-serif";
const FONT: &[u8] = include_bytes!("DejaVuSans.ttf");

const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x5f, 0x63, 0x68);
const GRID: RGBColor = RGBColor(0xe3, 0xe6, 0xe8);
/// The first three places stand out; the rest share a lighter shade.
const LEADING: RGBColor = RGBColor(0x0b, 0x6e, 0x69);
const OTHERS: RGBColor = RGBColor(0x7f, 0xbf, 0xb8);
const LEADING_PLACES: usize = 3;

const SIDE_MARGIN: u32 = 24;
const LABEL_SIZE: f64 = 18.0;
/// Where a bar starts and ends below the top of its row, in rows: the label
/// takes the upper half, and the gap below the bar separates it from the next.
const BAR_TOP: f64 = 0.5;
const BAR_BOTTOM: f64 = 0.88;

/// The image height for `bars` bars (an empty chart keeps one empty row).
pub fn height_for(bars: usize) -> u32 {
    let rows = u32::try_from(bars.max(1)).unwrap_or(u32::MAX);
    BASE_HEIGHT.saturating_add(ROW_HEIGHT.saturating_mul(rows))
}

fn chart_error(e: impl Display) -> Error {
    Error::Chart(e.to_string())
}

/// Registers the bundled font with plotters, once per process.
fn ensure_font() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok =
        *REGISTERED.get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok { Ok(()) } else { Err(Error::Chart("the bundled font could not be read".into())) }
}

/// A horizontal bar chart, one bar per `(label, value)` in the given order,
/// as PNG bytes. Labels sit above their bar and are cut with "…" to fit the
/// width; each value is written at the end of its bar. Bars with all values at
/// zero, or no bars at all, still give a valid image (with empty rows).
pub fn bar_chart_png(title: &str, subtitle: &str, bars: &[(String, u64)]) -> Result<Vec<u8>> {
    render(title, subtitle, bars, Scale::Points)
}

/// The same chart for percentages: the axis always runs from 0 to 100 %, so
/// a bar's length reads as how far along it is, and every bar has one colour.
pub fn percent_chart_png(title: &str, subtitle: &str, bars: &[(String, u64)]) -> Result<Vec<u8>> {
    let bars: Vec<(String, u64)> = bars.iter().map(|(l, v)| (l.clone(), (*v).min(100))).collect();
    render(title, subtitle, &bars, Scale::Percent)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    Points,
    Percent,
}

fn render(title: &str, subtitle: &str, bars: &[(String, u64)], scale: Scale) -> Result<Vec<u8>> {
    ensure_font()?;
    let (width, height) = (WIDTH, height_for(bars.len()));
    let size = usize::try_from(u64::from(width) * u64::from(height) * 3).map_err(chart_error)?;
    let mut pixels = vec![0u8; size];
    draw(&mut pixels, (width, height), title, subtitle, bars, scale)?;
    encode_png(&pixels, width, height)
}

fn draw(
    pixels: &mut [u8],
    (width, height): (u32, u32),
    title: &str,
    subtitle: &str,
    bars: &[(String, u64)],
    scale: Scale,
) -> Result<()> {
    let backend =
        BitMapBackend::<RGBPixel>::with_buffer_and_format(pixels, (width, height)).map_err(chart_error)?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(chart_error)?;

    let margin = i32::try_from(SIDE_MARGIN).map_err(chart_error)?;
    let title_style = TextStyle::from((FAMILY, 28.0)).color(&TEXT);
    let subtitle_style = TextStyle::from((FAMILY, 18.0)).color(&MUTED);
    let text_width = width.saturating_sub(2 * SIDE_MARGIN);
    let title = fit(&root, title, &title_style, text_width)?;
    let subtitle = fit(&root, subtitle, &subtitle_style, text_width)?;
    root.draw(&Text::new(title, (margin, 16), title_style.clone())).map_err(chart_error)?;
    root.draw(&Text::new(subtitle, (margin, 52), subtitle_style)).map_err(chart_error)?;

    let (_, body) = root.split_vertically(84);
    let rows = bars.len().max(1);
    let top = match scale {
        Scale::Points => bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1),
        Scale::Percent => 100,
    };
    // The longest bar ends at about 85 % of the width, leaving room for its value.
    let x_max = top + top.div_ceil(6).max(1);
    let unit = if scale == Scale::Percent { " %" } else { "" };
    let mut chart = ChartBuilder::on(&body)
        .margin_left(SIDE_MARGIN)
        .margin_right(SIDE_MARGIN)
        .x_label_area_size(36)
        .build_cartesian_2d(0..x_max, 0f64..rows as f64)
        .map_err(chart_error)?;
    // A percentage axis stops at 100 %; the room after it is for the values.
    let whole_numbers =
        |v: &u64| if scale == Scale::Percent && *v > top { String::new() } else { format!("{v}{unit}") };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_labels(6)
        .x_label_formatter(&whole_numbers)
        .x_label_style(TextStyle::from((FAMILY, 15.0)).color(&MUTED))
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(GRID)
        .draw()
        .map_err(chart_error)?;

    let label_style = TextStyle::from((FAMILY, LABEL_SIZE)).color(&TEXT);
    let value_style =
        TextStyle::from((FAMILY, LABEL_SIZE)).color(&TEXT).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, value)) in bars.iter().enumerate() {
        // Row i spans [rows - i - 1, rows - i] on the y axis, top to bottom.
        let row_top = (rows - i) as f64;
        let label = fit(&root, label, &label_style, text_width)?;
        chart
            .draw_series(std::iter::once(Text::new(label, (0, row_top - 0.04), label_style.clone())))
            .map_err(chart_error)?;
        let color = if i < LEADING_PLACES || scale == Scale::Percent { LEADING } else { OTHERS };
        let bar = Rectangle::new([(0, row_top - BAR_TOP), (*value, row_top - BAR_BOTTOM)], color.filled());
        chart.draw_series(std::iter::once(bar)).map_err(chart_error)?;
        let at_end = EmptyElement::at((*value, row_top - (BAR_TOP + BAR_BOTTOM) / 2.0))
            + Text::new(format!("{value}{unit}"), (8, 0), value_style.clone());
        chart.draw_series(std::iter::once(at_end)).map_err(chart_error)?;
    }
    root.present().map_err(chart_error)?;
    Ok(())
}

/// `text` cut at a word (or a character, for one long word) with "…" so that
/// it is at most `max_px` wide in `style`.
fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    text: &str,
    style: &TextStyle,
    max_px: u32,
) -> Result<String> {
    let width = |s: &str| area.estimate_text_size(s, style).map(|(w, _)| w).map_err(chart_error);
    if width(text)? <= max_px {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let head: String = chars[..keep].iter().collect();
        let candidate = format!("{}…", head.trim_end());
        if width(&candidate)? <= max_px {
            // Prefer ending on a whole word when that loses little.
            let word = head.trim_end().rsplit_once(' ').map(|(w, _)| w.trim_end());
            return Ok(match word {
                Some(w) if w.chars().count() * 4 >= keep * 3 => format!("{w}…"),
                _ => candidate,
            });
        }
    }
    Ok("…".to_string())
}

fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(chart_error)?;
    writer.write_image_data(pixels).map_err(chart_error)?;
    writer.finish().map_err(chart_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

    /// Decodes a PNG into (width, height, RGB pixels).
    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a readable PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
        let info = reader.next_frame(&mut buf).expect("one frame");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    fn count(pixels: &[u8], color: RGBColor) -> usize {
        pixels.chunks_exact(3).filter(|p| p == &[color.0, color.1, color.2]).count()
    }

    fn bars(values: &[u64]) -> Vec<(String, u64)> {
        values.iter().enumerate().map(|(i, v)| (format!("P{i} · Propuesta número {i}"), *v)).collect()
    }

    #[test]
    fn the_chart_is_a_png_of_the_expected_size_with_its_bars() {
        let png =
            bar_chart_png("Transparencia", "12 personas votaron · puntos", &bars(&[30, 18, 7, 2])).unwrap();
        assert_eq!(png[..8], SIGNATURE);
        let (w, h, pixels) = decode(&png);
        assert_eq!((w, h), (WIDTH, BASE_HEIGHT + 4 * ROW_HEIGHT));
        assert_eq!(h, height_for(4));
        // Three leading bars and one other, each some hundreds of pixels.
        assert!(count(&pixels, LEADING) > 3 * 2_000, "{} leading pixels", count(&pixels, LEADING));
        assert!(count(&pixels, OTHERS) > 100, "{} other pixels", count(&pixels, OTHERS));
        // Text was drawn: there are dark pixels beside the bars.
        assert!(count(&pixels, TEXT) > 500, "{} text pixels", count(&pixels, TEXT));
    }

    #[test]
    fn longer_bars_have_more_pixels() {
        let (_, _, one) = decode(&bar_chart_png("t", "s", &bars(&[10])).unwrap());
        let (_, _, two) = decode(&bar_chart_png("t", "s", &bars(&[10, 5])).unwrap());
        let first = count(&one, LEADING);
        let both = count(&two, LEADING);
        // The second bar is half the first: about half its pixels again.
        let second = both - first;
        assert!(second * 10 > first * 4 && second * 10 < first * 6, "{first} then {second}");
    }

    #[test]
    fn a_pillar_without_votes_still_gives_a_valid_image_without_bars() {
        let (w, h, pixels) = decode(&bar_chart_png("Vacío", "nadie votó", &bars(&[0, 0, 0, 0])).unwrap());
        assert_eq!((w, h), (WIDTH, height_for(4)));
        assert_eq!(count(&pixels, LEADING) + count(&pixels, OTHERS), 0);
        let (w, h, _) = decode(&bar_chart_png("Sin propuestas", "", &[]).unwrap());
        assert_eq!((w, h), (WIDTH, BASE_HEIGHT + ROW_HEIGHT));
    }

    #[test]
    fn long_labels_are_cut_to_the_width() {
        let long =
            "Una propuesta con un título larguísimo que no cabe en una sola línea del gráfico ".repeat(3);
        let png = bar_chart_png(&long, &long, &[(long.clone(), 3)]).unwrap();
        let (w, _, pixels) = decode(&png);
        // The rightmost 10 pixels of every row stay white: nothing ran off the edge.
        let row = (w * 3) as usize;
        let edge_clean = pixels.chunks_exact(row).all(|r| r[row - 30..].iter().all(|b| *b == 255));
        assert!(edge_clean, "text reached the right edge");
    }
}
