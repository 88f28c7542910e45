//! A unified diff of two texts, line by line, for `import --dry-run`: what
//! a reviewer would see in `git diff` after the import.

/// Lines of context around each change.
const CONTEXT: usize = 2;

/// The unified diff of `before` and `after`, labelled `name`; empty when
/// they are the same.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let ops = operations(&a, &b);
    let changed: Vec<usize> = ops.iter().enumerate().filter(|(_, op)| !matches!(op, Op::Same(..))).map(|(i, _)| i).collect();
    if changed.is_empty() {
        return String::new();
    }
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(CONTEXT);
        let mut end = changed[i];
        while i < changed.len() && changed[i] <= end + 2 * CONTEXT + 1 {
            end = changed[i];
            i += 1;
        }
        let hunk = &ops[start..(end + CONTEXT + 1).min(ops.len())];
        let (old_start, new_start) = ops[..start].iter().fold((1, 1), |(o, n), op| (o + op.old(), n + op.new()));
        let (old_len, new_len) = hunk.iter().fold((0, 0), |(o, n), op| (o + op.old(), n + op.new()));
        out.push_str(&format!("@@ -{old_start},{old_len} +{new_start},{new_len} @@\n"));
        for op in hunk {
            match op {
                Op::Same(line) => out.push_str(&format!(" {line}\n")),
                Op::Removed(line) => out.push_str(&format!("-{line}\n")),
                Op::Added(line) => out.push_str(&format!("+{line}\n")),
            }
        }
    }
    out
}

/// One line of the diff.
enum Op<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

impl Op<'_> {
    fn old(&self) -> usize {
        usize::from(!matches!(self, Op::Added(_)))
    }

    fn new(&self) -> usize {
        usize::from(!matches!(self, Op::Removed(_)))
    }
}

/// The shortest edit from `a` to `b` (longest common subsequence), after
/// the lines they share at both ends.
fn operations<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut lcs = vec![vec![0usize; mid_b.len() + 1]; mid_a.len() + 1];
    for i in (0..mid_a.len()).rev() {
        for j in (0..mid_b.len()).rev() {
            lcs[i][j] = if mid_a[i] == mid_b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut ops: Vec<Op> = a[..head].iter().map(|l| Op::Same(l)).collect();
    let (mut i, mut j) = (0, 0);
    while i < mid_a.len() || j < mid_b.len() {
        if i < mid_a.len() && j < mid_b.len() && mid_a[i] == mid_b[j] {
            ops.push(Op::Same(mid_a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < mid_a.len() && (j == mid_b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(Op::Removed(mid_a[i]));
            i += 1;
        } else {
            ops.push(Op::Added(mid_b[j]));
            j += 1;
        }
    }
    ops.extend(a[a.len() - tail..].iter().map(|l| Op::Same(l)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_line_is_one_hunk_with_context() {
        let before = "a\nb\nc\nd\ne\nf\ng\n";
        let after = "a\nb\nc\nD\ne\nf\ng\n";
        assert_eq!(unified("t.yaml", before, after), "--- a/t.yaml\n+++ b/t.yaml\n@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f\n");
        assert_eq!(unified("t.yaml", before, before), "");
        assert!(unified("t", "a\nb\n", "a\nx\ny\nb\n").contains("@@ -1,2 +1,4 @@\n a\n+x\n+y\n b\n"));
    }
}
