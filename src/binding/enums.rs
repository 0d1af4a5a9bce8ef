//! The core's labels as JS string unions (`index.d.ts` says `type Grade = 'A+' | 'A' | …`):
//! one `#[napi(string_enum)]` per core enum, with the same variants and texts.

use napi_derive::napi;

use crate::domain::{factors, labels, taxonomy};
use crate::engine::{simd, Precision as CorePrecision};
use crate::observe;
use crate::service::GapTargetKind as CoreGapTargetKind;
use crate::store::SkillSource as CoreSkillSource;

/// `js_enum!(Name from core::Type { Variant = "text", … })`: the string enum and its `From`.
macro_rules! js_enum {
    ($(#[doc = $doc:tt])* $name:ident from $core:ty { $($variant:ident = $text:tt,)+ }) => {
        $(#[doc = $doc])*
        #[napi(string_enum)]
        pub enum $name {
            $(#[napi(value = $text)] $variant,)+
        }

        impl From<$core> for $name {
            fn from(value: $core) -> Self {
                type Core = $core;
                match value {
                    $(Core::$variant => Self::$variant,)+
                }
            }
        }
    };
}

js_enum! {
    #[doc = " A resume's letter grade (the seed's scale)."]
    Grade from labels::Grade {
        APlus = "A+", A = "A", BPlus = "B+", B = "B", CPlus = "C+", C = "C", D = "D", F = "F",
    }
}

js_enum! {
    #[doc = " How good a match is."]
    RecommendationLevel from labels::RecommendationLevel {
        Excellent = "Excellent Match", Good = "Good Match", Fair = "Fair Match", Poor = "Poor Match",
    }
}

js_enum! {
    #[doc = " Which formula gave `match_percentage`: the seed's, or the extended blend."]
    MatchModel from factors::MatchModel { Seed = "seed", Extended = "extended", }
}

js_enum! {
    #[doc = " The matmuls' arithmetic."]
    Precision from CorePrecision { F32 = "fp32", Bf16 = "bf16", Int8 = "int8", Auto = "auto", }
}

js_enum! {
    #[doc = " How much the logs say."]
    LogLevel from observe::LogLevel { Off = "off", Info = "info", Debug = "debug", }
}

js_enum! {
    #[doc = " The encoder's kernels, chosen at run time."]
    Kernels from simd::Isa { Avx512 = "avx512", Avx2 = "avx2", Portable = "portable", }
}

js_enum! {
    #[doc = " A role type (see docs/extended-matching.md, the roleType factor)."]
    Role from factors::Role {
        Frontend = "Frontend", Backend = "Backend", FullStack = "Full Stack", Mobile = "Mobile",
        Data = "Data", MachineLearning = "Machine Learning", DevOps = "DevOps/SRE", Qa = "QA",
        Security = "Security", Design = "Design", Product = "Product",
        Healthcare = "Healthcare", Sales = "Sales", Marketing = "Marketing",
        Finance = "Finance", PeopleOps = "People/HR", Operations = "Operations/Logistics",
        Education = "Education", Hospitality = "Hospitality",
    }
}

js_enum! {
    #[doc = " A factor's verdict in a word (which factor says which: docs/rules.md)."]
    Verdict from labels::Verdict {
        Unknown = "unknown", NotComputed = "not computed", NotAsked = "not asked",
        NotRequired = "not required", Close = "close", Relevant = "relevant",
        Related = "related", Distant = "distant", Fits = "fits", NotRemote = "not remote",
        Nearby = "nearby", Relocation = "relocation", UnderQualified = "under-qualified",
        OverQualified = "over-qualified", Exceeds = "exceeds", Meets = "meets", Below = "below",
        Evidenced = "evidenced", PartlyEvidenced = "partly evidenced", Missing = "missing",
        MissingMustHave = "missing must-have", Partial = "partial", Covered = "covered",
        Same = "same", Adjacent = "adjacent", Different = "different",
    }
}

js_enum! {
    #[doc = " Where a side's skills come from: its `skills` list, or its text on the taxonomy."]
    SkillSource from CoreSkillSource { Listed = "listed", Text = "text", }
}

js_enum! {
    #[doc = " What a skill gap was measured against."]
    GapTargetKind from CoreGapTargetKind { Job = "job", Cluster = "cluster", }
}

js_enum! {
    #[doc = " An ESCO skill, or a tool of the technology layer."]
    ConceptKind from taxonomy::ConceptKind { Esco = "esco", Tool = "tool", }
}

js_enum! {
    #[doc = " How a skill was found in a text."]
    Via from taxonomy::Via { Label = "label", Alias = "alias", Embedding = "embedding", }
}
