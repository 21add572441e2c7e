//! Three-valued (Kleene) truth: the logic every legal question in lacuna is answered in.
//!
//! `Unknown` is a value, never a blank: conjunction and disjunction follow Kleene's strong
//! logic, so an unknown fact only decides an outcome when the known facts leave it open.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A yes/no answer that may be unknown. Ordered `No < Unknown < Yes`, so Kleene
/// conjunction is the minimum and disjunction the maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    No,
    Unknown,
    Yes,
}

impl Truth {
    /// Kleene conjunction: `No` wins over `Unknown`, which wins over `Yes`.
    #[must_use]
    pub fn and(self, other: Truth) -> Truth {
        self.min(other)
    }

    /// Kleene disjunction: `Yes` wins over `Unknown`, which wins over `No`.
    #[must_use]
    pub fn or(self, other: Truth) -> Truth {
        self.max(other)
    }

    /// Kleene negation: `Unknown` stays `Unknown`.
    #[must_use]
    pub fn negate(self) -> Truth {
        match self {
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
            Truth::Yes => Truth::No,
        }
    }

    /// Material implication `self → other` in Kleene logic.
    #[must_use]
    pub fn implies(self, other: Truth) -> Truth {
        self.negate().or(other)
    }

    pub fn from_bool(value: bool) -> Truth {
        if value {
            Truth::Yes
        } else {
            Truth::No
        }
    }

    pub fn is_yes(self) -> bool {
        self == Truth::Yes
    }

    pub fn is_no(self) -> bool {
        self == Truth::No
    }

    pub fn is_unknown(self) -> bool {
        self == Truth::Unknown
    }

    /// Conjunction over any number of truths (`Yes` for none).
    pub fn all<I: IntoIterator<Item = Truth>>(items: I) -> Truth {
        items.into_iter().fold(Truth::Yes, Truth::and)
    }

    /// Disjunction over any number of truths (`No` for none).
    pub fn any<I: IntoIterator<Item = Truth>>(items: I) -> Truth {
        items.into_iter().fold(Truth::No, Truth::or)
    }

    /// Parses `yes`, `no` or `unknown` (the dataset spelling).
    pub fn parse(text: &str) -> Option<Truth> {
        match text {
            "yes" => Some(Truth::Yes),
            "no" => Some(Truth::No),
            "unknown" => Some(Truth::Unknown),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Truth::No => "no",
            Truth::Unknown => "unknown",
            Truth::Yes => "yes",
        }
    }
}

impl fmt::Display for Truth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Truth::{self, *};

    const ALL: [Truth; 3] = [No, Unknown, Yes];

    #[test]
    fn kleene_tables() {
        assert_eq!(Yes.and(Unknown), Unknown);
        assert_eq!(No.and(Unknown), No);
        assert_eq!(Yes.or(Unknown), Yes);
        assert_eq!(No.or(Unknown), Unknown);
        assert_eq!(Unknown.negate(), Unknown);
        assert_eq!(Truth::all([]), Yes);
        assert_eq!(Truth::any([]), No);
    }

    #[test]
    fn de_morgan_holds_for_every_pair() {
        for a in ALL {
            for b in ALL {
                assert_eq!(a.and(b).negate(), a.negate().or(b.negate()));
                assert_eq!(a.or(b).negate(), a.negate().and(b.negate()));
            }
        }
    }
}
