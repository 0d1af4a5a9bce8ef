//! The words results are labelled with — grades, recommendation levels, factor verdicts —
//! each an enum whose text (and serde name) is the seed's wording. Depends on nothing else
//! in `domain`, so `constants` can hold the tables that map scores to them.

use serde::{Deserialize, Serialize};

/// An enum of labels with their texts: `as_str`, `ALL`, and serde by the text.
macro_rules! labels {
    ($(#[$meta:meta])* $name:ident { $($(#[$doc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$doc])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

labels! {
    /// The letter grade of a resume score (see `constants::GRADE_BOUNDARIES`).
    Grade {
        APlus = "A+",
        A = "A",
        BPlus = "B+",
        B = "B",
        CPlus = "C+",
        C = "C",
        D = "D",
        F = "F",
    }
}

labels! {
    /// How good a match is (see `constants::RECOMMENDATION_LEVELS`).
    RecommendationLevel {
        Excellent = "Excellent Match",
        Good = "Good Match",
        Fair = "Fair Match",
        Poor = "Poor Match",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_uses_the_seeds_wording() {
        for grade in Grade::ALL {
            let json = serde_json::to_string(grade).unwrap();
            assert_eq!(json, format!("\"{grade}\""));
            assert_eq!(serde_json::from_str::<Grade>(&json).unwrap(), *grade);
        }
        assert_eq!(
            serde_json::to_string(&RecommendationLevel::Good).unwrap(),
            "\"Good Match\""
        );
    }
}
