//! Plays an animated SVG of taskscope's the way a browser would, at a chosen moment: reads
//! its style sheet (the `nA` / `fB` keyframes that show a group from a frame on and hide it
//! from a frame on), and returns what is visible then, cell by cell: the text, the
//! rectangles of the ink layer (blocks and lines) and the backgrounds of the paper layer.

#![allow(dead_code)] // each user takes what it needs

use std::collections::HashMap;

/// Cell size in pixels (the SVG's).
pub const CELL_W: f32 = 9.0;
pub const CELL_H: f32 = 18.0;

/// The parsed animation.
pub struct Player {
    /// Loop length in seconds.
    pub length: f64,
    /// Class `nA` / `fB` → percent where it switches.
    switches: HashMap<String, f64>,
    /// Colour class `cN` → `#rrggbb`.
    colors: HashMap<String, String>,
    /// Every drawn element: its text or rectangles, classes, the classes of its groups, and
    /// whether it is in the paper layer.
    items: Vec<Item>,
}

struct Item {
    groups: Vec<String>,
    classes: Vec<String>,
    paper: bool,
    kind: Kind,
}

enum Kind {
    Text { x: f32, y: f32, text: String },
    Rects(Vec<[f32; 4]>),
}

/// What is visible at a moment.
pub struct Still {
    /// Rows of text (drawn glyphs left out), trailing blanks removed.
    pub text: Vec<String>,
    /// Rectangles of the ink layer: colour, opacity class (0 = opaque), `[x0, y0, x1, y1]`.
    pub ink: Vec<(String, u8, [f32; 4])>,
    /// Rectangles of the paper layer: colour and box.
    pub paper: Vec<(String, [f32; 4])>,
}

impl Player {
    /// Parses `svg` (panics on anything this file format does not have).
    pub fn new(svg: &str) -> Player {
        let doc = roxmltree::Document::parse(svg).expect("the SVG is XML");
        let style = doc
            .descendants()
            .find(|n| n.has_tag_name("style"))
            .and_then(|n| n.text())
            .expect("a style sheet");
        let length = between(style, "g{animation:", "s ")
            .parse()
            .expect("a length");
        let mut switches = HashMap::new();
        for rule in style.split("@keyframes ").skip(1) {
            let name = rule.split('{').next().unwrap().to_string();
            // n5{0%{opacity:0}12.3%{opacity:1}} or f5{0%{opacity:1}12.3%{opacity:0}}
            let second = rule.split('}').nth(1).expect("two stops");
            let percent = second
                .split('%')
                .next()
                .unwrap()
                .parse::<f64>()
                .expect("a percent");
            switches.insert(name, percent);
        }
        let mut colors = HashMap::new();
        for rule in style.split(".c").skip(1) {
            if let Some((n, rest)) = rule.split_once("{fill:") {
                colors.insert(format!("c{n}"), rest[..7].to_string());
            }
        }
        let mut items = Vec::new();
        for node in doc
            .descendants()
            .filter(|n| n.has_tag_name("text") || n.has_tag_name("path"))
        {
            let mut groups = Vec::new();
            let mut paper = false;
            for ancestor in node.ancestors().filter(|a| a.has_tag_name("g")) {
                if ancestor.attribute("id") == Some("paper") {
                    paper = true;
                }
                if let Some(class) = ancestor.attribute("class") {
                    groups.push(class.to_string());
                }
            }
            let classes = node
                .attribute("class")
                .map(|c| c.split(' ').map(str::to_string).collect())
                .unwrap_or_default();
            let kind = if node.has_tag_name("text") {
                let number = |a: &str| node.attribute(a).unwrap().parse::<f32>().unwrap();
                Kind::Text {
                    x: number("x"),
                    y: number("y"),
                    text: node.text().unwrap_or_default().to_string(),
                }
            } else {
                Kind::Rects(rects(node.attribute("d").expect("a path")))
            };
            items.push(Item {
                groups,
                classes,
                paper,
                kind,
            });
        }
        Player {
            length,
            switches,
            colors,
            items,
        }
    }

    /// The percents at which anything switches: one per frame after the first.
    pub fn switch_points(&self) -> Vec<f64> {
        let mut points: Vec<f64> = self.switches.values().copied().collect();
        points.sort_by(|a, b| a.partial_cmp(b).unwrap());
        points.dedup();
        points
    }

    fn visible(&self, item: &Item, percent: f64) -> bool {
        item.groups.iter().all(|class| match class.as_bytes()[0] {
            b'n' => percent >= self.switches[class],
            b'f' => percent < self.switches[class],
            _ => true,
        })
    }

    /// What shows `percent` of the way through the loop on a `cols` x `rows` grid.
    pub fn at(&self, percent: f64, cols: usize, rows: usize) -> Still {
        let mut grid = vec![vec![' '; cols]; rows];
        let mut still = Still {
            text: Vec::new(),
            ink: Vec::new(),
            paper: Vec::new(),
        };
        for item in self.items.iter().filter(|i| self.visible(i, percent)) {
            let color = item
                .classes
                .iter()
                .find_map(|c| self.colors.get(c))
                .cloned()
                .unwrap_or_default();
            match &item.kind {
                Kind::Text { x, y, text } => {
                    let row = (y / CELL_H) as usize;
                    let col = (x / CELL_W).round() as usize;
                    for (i, c) in text.chars().enumerate() {
                        if c != ' ' {
                            grid[row][col + i] = c;
                        }
                    }
                }
                Kind::Rects(rects) => {
                    let opacity = item
                        .classes
                        .iter()
                        .find_map(|c| c.strip_prefix('o').and_then(|q| q.parse().ok()))
                        .unwrap_or(0);
                    for rect in rects {
                        if item.paper {
                            still.paper.push((color.clone(), *rect));
                        } else {
                            still.ink.push((color.clone(), opacity, *rect));
                        }
                    }
                }
            }
        }
        still.text = grid
            .into_iter()
            .map(|r| r.into_iter().collect::<String>().trim_end().to_string())
            .collect();
        still
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect(start) + start.len();
    let to = text[from..].find(end).expect(end) + from;
    &text[from..to]
}

/// `M{x} {y}h{w}v{h}h-{w}z` repeated, as boxes.
fn rects(d: &str) -> Vec<[f32; 4]> {
    d.split('M')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let numbers: Vec<f32> = p
                .split(['h', 'v', 'z', ' '])
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().expect("a number"))
                .collect();
            let (x, y, w, h) = (numbers[0], numbers[1], numbers[2], numbers[3]);
            [x, y, x + w, y + h]
        })
        .collect()
}
