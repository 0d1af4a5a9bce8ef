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

labels! {
    /// A factor's verdict in a word (`Factor.verdict`); which factor says which is in
    /// `domain::factors` and docs/rules.md.
    Verdict {
        /// The factor cannot tell (a side says nothing of it).
        Unknown = "unknown",
        /// The experience and document factors outside extended matching.
        NotComputed = "not computed",
        NotAsked = "not asked",
        NotRequired = "not required",
        // Similarity of the whole resume or work history with the posting.
        Close = "close",
        Relevant = "relevant",
        Related = "related",
        Distant = "distant",
        // Location and seniority.
        Fits = "fits",
        NotRemote = "not remote",
        Nearby = "nearby",
        Relocation = "relocation",
        UnderQualified = "under-qualified",
        OverQualified = "over-qualified",
        // Education.
        Exceeds = "exceeds",
        Meets = "meets",
        Below = "below",
        // Soft and weighted skills.
        Evidenced = "evidenced",
        PartlyEvidenced = "partly evidenced",
        Missing = "missing",
        MissingMustHave = "missing must-have",
        Partial = "partial",
        Covered = "covered",
        // Role type and language.
        Same = "same",
        Adjacent = "adjacent",
        Different = "different",
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
