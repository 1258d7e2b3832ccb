//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `name`, if one is close enough to be a likely typo.
///
/// Close enough means an edit distance of at most a third of the name's length (and at least
/// one edit), or `name` being a case-insensitive match. Ties go to the first candidate, so callers
/// pass candidates in a deterministic order.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = if candidate.eq_ignore_ascii_case(name) {
            0
        } else {
            strsim::damerau_levenshtein(name, candidate)
        };
        // A shared stem with a different ending ("retries" for "retry") is a likely typo too.
        let same_stem =
            common_prefix(name, candidate) >= 4 && strsim::jaro_winkler(name, candidate) >= 0.85;
        let distance = if same_stem {
            distance.min(limit)
        } else {
            distance
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// `did you mean "x"?` for the closest candidate, else `None`.
pub fn help<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    did_you_mean(name, candidates).map(|c| format!("did you mean \"{c}\"?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let known = ["circuit-breaker", "cdn", "saga"];
        assert_eq!(
            did_you_mean("circuit-braker", known),
            Some("circuit-breaker")
        );
        assert_eq!(did_you_mean("sgaa", known), Some("saga"));
        assert_eq!(did_you_mean("CDN", known), Some("cdn"));
        assert_eq!(did_you_mean("bulkhead", known), None);
        assert_eq!(did_you_mean("retries", ["retry", "rate"]), Some("retry"));
    }
}
