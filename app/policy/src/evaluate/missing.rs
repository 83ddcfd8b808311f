//! The context keys a decision needed but the request did not carry, for the policy simulator ("supply
//! `aws:SourceIp` to see the real answer").

/// Keys as the policy wrote them, each once (compared case-insensitively). Borrowed from the compiled policies so that
/// noting a key costs no allocation.
#[derive(Debug, Default)]
pub(crate) struct MissingKeys<'a> {
    keys: Vec<&'a str>,
}

impl<'a> MissingKeys<'a> {
    pub fn note(&mut self, key: &'a str) {
        if !self.keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            self.keys.push(key);
        }
    }

    pub fn into_strings(self) -> Vec<String> {
        self.keys.into_iter().map(str::to_owned).collect()
    }
}
