//! Where a part of an expression is in its canonical text (the printer's output), so a message
//! about that part can underline it. The walk mirrors the printer: the separators it writes
//! and the parentheses it adds.

use super::ast::Expr;

/// Byte offset and length of `part` (found by identity, not equality: the same test may appear
/// twice) in `root.to_string()`; `None` when `part` is not inside `root`.
pub fn position(root: &Expr, part: &Expr) -> Option<(usize, usize)> {
    // (node, its offset in the canonical text); an explicit stack keeps deep trees off the call stack.
    let mut stack = vec![(root, 0_usize)];
    while let Some((node, at)) = stack.pop() {
        if std::ptr::eq(node, part) {
            return Some((at, node.to_string().len()));
        }
        match node {
            Expr::Or(items) => {
                push_items(&mut stack, items, at, " OR ", |i| matches!(i, Expr::Or(_)))
            }
            Expr::And(items) => push_items(&mut stack, items, at, " AND ", |i| {
                matches!(i, Expr::Or(_) | Expr::And(_))
            }),
            Expr::Not(inner) => {
                let open = match **inner {
                    Expr::Or(_) | Expr::And(_) => 2,
                    _ => 1,
                };
                stack.push((inner, at + open));
            }
            Expr::Service {
                body: Some(body), ..
            }
            | Expr::Edge {
                body: Some(body), ..
            }
            | Expr::RootCause {
                body: Some(body), ..
            } => {
                let full = node.to_string();
                let body_len = body.to_string().len();
                // The body is printed last, as ` { BODY }`.
                stack.push((body, at + full.len() - body_len - 2));
            }
            _ => {}
        }
    }
    None
}

fn push_items<'a>(
    stack: &mut Vec<(&'a Expr, usize)>,
    items: &'a [Expr],
    mut at: usize,
    separator: &str,
    needs_parens: impl Fn(&Expr) -> bool,
) {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            at += separator.len();
        }
        let parens = usize::from(needs_parens(item));
        stack.push((item, at + parens));
        at += item.to_string().len() + 2 * parens;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::parse;

    /// Every sub-expression of `text`, with the canonical text found at its position.
    fn parts(text: &str) -> Vec<(String, String)> {
        let root = parse(text).expect("parses");
        let canonical = root.to_string();
        let mut out = Vec::new();
        let mut stack = vec![&root];
        while let Some(node) = stack.pop() {
            let (at, len) = position(&root, node).expect("found");
            out.push((node.to_string(), canonical[at..at + len].to_owned()));
            match node {
                Expr::Or(items) | Expr::And(items) => stack.extend(items),
                Expr::Not(inner) => stack.push(inner),
                Expr::Service { body: Some(b), .. } | Expr::Edge { body: Some(b), .. } => {
                    stack.push(b)
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn every_part_is_found_where_the_printer_put_it() {
        for text in [
            "ok",
            "http.status = 500 AND (http.method = \"GET\" OR http.method = \"PUT\")",
            "!(fault OR error) AND responsetime > 2",
            "!fault",
            "service(\"api\") { fault OR responsetime > 1 } AND annotation.tier = \"gold\"",
            "edge(\"a\", \"b\") { !(error AND ok) }",
            "(a.b OR ok) AND (fault AND !throttle)"
                .replace("a.b", "partial")
                .as_str(),
        ] {
            for (part, found) in parts(text) {
                assert_eq!(found, part, "in {text}");
            }
        }
    }

    #[test]
    fn a_part_of_another_tree_is_not_found() {
        let a = parse("ok AND fault").expect("parses");
        let b = parse("ok").expect("parses");
        assert_eq!(position(&a, &b), None);
        assert_eq!(position(&a, &a), Some((0, "ok AND fault".len())));
    }
}
