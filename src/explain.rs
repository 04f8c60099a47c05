//! Why the engine decided as it did, as a labelled tree (after tantivy's
//! `Explanation`): each node is one step with its value, resting on the
//! steps below it. `ask` and `verify` build one from the very candidates
//! they decided on, only when asked (`--explain`), so answering never pays
//! for it.

use std::fmt::Write;

use serde::Serialize;

/// One step of a decision and the steps it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Explanation>,
}

impl Explanation {
    /// A step without a value: a heading, or a fact.
    pub fn new(label: impl Into<String>) -> Explanation {
        Explanation {
            label: label.into(),
            value: None,
            details: Vec::new(),
        }
    }

    /// A step with its value.
    pub fn valued(label: impl Into<String>, value: f32) -> Explanation {
        Explanation {
            value: Some(value),
            ..Explanation::new(label)
        }
    }

    /// Adds a step this one rests on.
    pub fn push(&mut self, detail: Explanation) {
        self.details.push(detail);
    }

    /// This step, resting on `details`.
    pub fn with(mut self, details: impl IntoIterator<Item = Explanation>) -> Explanation {
        self.details.extend(details);
        self
    }

    /// The first step, here or below, whose label starts with `prefix`.
    pub fn find(&self, prefix: &str) -> Option<&Explanation> {
        if self.label.starts_with(prefix) {
            return Some(self);
        }
        self.details.iter().find_map(|d| d.find(prefix))
    }

    /// The tree as indented lines: "value  label", children two spaces in.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out, 0);
        out
    }

    fn render_into(&self, out: &mut String, depth: usize) {
        let indent = "  ".repeat(depth);
        let _ = match self.value {
            Some(v) => writeln!(out, "{indent}{v:>6.3}  {}", self.label),
            None => writeln!(out, "{indent}        {}", self.label),
        };
        for d in &self.details {
            d.render_into(out, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_renders_each_step_under_the_one_it_supports() {
        let tree = Explanation::valued("answered", 0.9).with([
            Explanation::new("question: expects a number"),
            Explanation::valued("coverage", 0.75).with([Explanation::new("missed: talks")]),
        ]);
        let text = tree.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[0].starts_with(" 0.900  answered"), "{text}");
        assert!(lines[2].starts_with("   0.750  coverage"), "{text}");
        assert!(lines[3].starts_with("            missed: talks"), "{text}");
        assert_eq!(
            tree.find("missed").map(|e| e.label.as_str()),
            Some("missed: talks")
        );
        assert!(tree.find("nothing").is_none());
    }
}
