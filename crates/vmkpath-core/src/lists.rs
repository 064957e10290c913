//! `Vec`s built by one plain loop per call site. In the wasm each `iter().map(f).collect()`
//! compiles to three generic functions of its own (`from_iter`, `extend_trusted` and a `fold`
//! around `f`), and a `collect` into `Result` to two more (`try_process`, `GenericShunt`); these
//! loops are one small function each, and `Vec::push` is shared by every call with the same item
//! type (`cargo xtask size`: ~70 B gzipped a call site).

/// `parts.join(sep)` for strings, as one small loop for each element type: std's `join` is
/// ~840 B of wasm a type (`join_generic_copy`, unrolled for speed), for a few short lists a
/// message or a line of markup has.
pub trait Joined {
    fn joined(&self, sep: &str) -> String;
}

impl<S: AsRef<str>> Joined for [S] {
    fn joined(&self, sep: &str) -> String {
        let mut out = String::new();
        for (i, part) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(part.as_ref());
        }
        out
    }
}

/// `items.iter().map(f).collect()`.
pub fn map<'a, A, B>(items: &'a [A], mut f: impl FnMut(&'a A) -> B) -> Vec<B> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item));
    }
    out
}

/// `(0..n).map(f).collect()`, as `std::array::from_fn`.
pub fn from_fn<B>(n: usize, mut f: impl FnMut(usize) -> B) -> Vec<B> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(f(i));
    }
    out
}

/// The indices of the items `keep` accepts, in order.
pub fn positions<A>(items: &[A], mut keep: impl FnMut(&A) -> bool) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if keep(item) {
            out.push(i);
        }
    }
    out
}

/// `items.iter().filter_map(f).collect()`.
pub fn filter_map<'a, A, B>(items: &'a [A], mut f: impl FnMut(&'a A) -> Option<B>) -> Vec<B> {
    let mut out = Vec::new();
    for item in items {
        if let Some(b) = f(item) {
            out.push(b);
        }
    }
    out
}

/// `items.iter().map(f).collect::<Result<Vec<_>, _>>()`: the first error, or every value.
pub fn try_map<'a, A, B, E>(
    items: &'a [A],
    mut f: impl FnMut(&'a A) -> Result<B, E>,
) -> Result<Vec<B>, E> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn as_the_iterator_chains() {
        let xs = [3, 1, 4, 1, 5];
        assert_eq!(super::map(&xs, |x| x * 2), [6, 2, 8, 2, 10]);
        assert_eq!(super::from_fn(3, |i| xs[i] + i as i32), [3, 2, 6]);
        assert_eq!(super::positions(&xs, |x| *x == 1), [1, 3]);
        let odd = |x: &i32| (x % 2 == 1).then_some(x + 1);
        assert_eq!(super::filter_map(&xs, odd), [4, 2, 2, 6]);
        let small = |x: &i32| if *x < 5 { Ok(*x) } else { Err(*x) };
        assert_eq!(super::try_map(&xs, small), Err(5));
        assert_eq!(super::try_map(&xs[..3], small), Ok(vec![3, 1, 4]));
    }
}
