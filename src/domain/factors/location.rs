//! Location: a posting's work mode (remote, hybrid, on-site) and place against the resume's
//! location or the caller's `{ location, remote }`.

use super::lexicon::PLACE_ALIASES;
use super::text::{contains, words};
use super::{Factor, PostingFacts, Preferences, ResumeFacts, Verdict};
use crate::domain::constants::{
    LOCATION_OTHER_REGION_HYBRID, LOCATION_OTHER_REGION_ON_SITE, LOCATION_REMOTE_WANTED_HYBRID,
    LOCATION_REMOTE_WANTED_ON_SITE, LOCATION_SAME_REGION_HYBRID, LOCATION_SAME_REGION_ON_SITE,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Remote,
    Hybrid,
    OnSite,
}

/// A place as comma-separated parts, most specific first ("Toronto", "on", "canada"), each
/// normalised and with aliases resolved; mode words removed.
fn place_parts(text: &str) -> Vec<String> {
    text.split([',', '(', ')', '/', '|'])
        .flat_map(|part| part.split(" - "))
        .map(|part| {
            let w: Vec<String> = words(part)
                .into_iter()
                .filter(|w| {
                    !matches!(
                        w.as_str(),
                        "remote"
                            | "hybrid"
                            | "onsite"
                            | "on"
                            | "site"
                            | "office"
                            | "in"
                            | "fully"
                            | "only"
                    )
                })
                .collect();
            let joined = w.join(" ");
            PLACE_ALIASES
                .iter()
                .find(|(alias, _)| *alias == joined)
                .map_or(joined, |(_, full)| full.to_string())
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn mode(text: &str) -> Mode {
    let w = words(text);
    if contains(&w, "hybrid") {
        Mode::Hybrid
    } else if contains(&w, "remote") && !contains(&w, "not remote") {
        Mode::Remote
    } else {
        Mode::OnSite
    }
}

pub fn assess(resume: &ResumeFacts, posting: &PostingFacts, preferences: &Preferences) -> Factor {
    if posting.location.trim().is_empty() {
        return Factor::unscored(Verdict::Unknown, "The posting names no location");
    }
    let mode = mode(posting.location);
    let wanted = if preferences.remote_only {
        " (wants remote work)"
    } else {
        ""
    };
    if mode == Mode::Remote {
        return Factor::scored(
            100.0,
            Verdict::Fits,
            format!("Remote posting ({}): fits any location", posting.location),
        );
    }
    let candidate = preferences.location.as_deref().unwrap_or(resume.location);
    let mode_word = if mode == Mode::Hybrid {
        "hybrid"
    } else {
        "on-site"
    };
    if preferences.remote_only {
        return remote_wanted(mode, mode_word, posting.location);
    }
    let theirs = place_parts(candidate);
    let ours = place_parts(posting.location);
    if theirs.is_empty() {
        let whose = if preferences.location.is_some() {
            "the given location names no place"
        } else {
            "the resume states no location"
        };
        return Factor::unscored(
            Verdict::Unknown,
            format!(
                "The posting is {mode_word} in {}; {whose}",
                posting.location
            ),
        );
    }
    if ours.is_empty() {
        return Factor::unscored(
            Verdict::Unknown,
            format!("The posting is {mode_word} at an unnamed place"),
        );
    }
    let here = format!("{candidate}{wanted}");
    by_distance(&theirs, &ours, mode, mode_word, &here, posting.location)
}

/// The candidate wants remote work and the posting is not remote.
fn remote_wanted(mode: Mode, mode_word: &str, location: &str) -> Factor {
    let score = if mode == Mode::Hybrid {
        LOCATION_REMOTE_WANTED_HYBRID
    } else {
        LOCATION_REMOTE_WANTED_ON_SITE
    };
    Factor::scored(
        score,
        Verdict::NotRemote,
        format!("The candidate wants remote work; the posting is {mode_word} in {location}"),
    )
}

/// A posting in a place (`ours`, at `location`) against where the candidate lives (`theirs`,
/// `here`), both named: the same city fits; another city of the same region or another region
/// costs by the work mode.
fn by_distance(
    theirs: &[String],
    ours: &[String],
    mode: Mode,
    mode_word: &str,
    here: &str,
    location: &str,
) -> Factor {
    // The posting's most specific part names its city (or its region when it is the only part).
    if theirs.contains(&ours[0]) {
        return Factor::scored(
            100.0,
            Verdict::Fits,
            format!("Lives in {here}; the posting is {mode_word} in {location}"),
        );
    }
    let same_region = ours.len() > 1
        && ours[1..]
            .iter()
            .any(|p| theirs[1..].contains(p) || theirs[0] == *p);
    let (score, verdict) = match (same_region, mode) {
        (true, Mode::Hybrid) => (LOCATION_SAME_REGION_HYBRID, Verdict::Nearby),
        (true, _) => (LOCATION_SAME_REGION_ON_SITE, Verdict::Nearby),
        (false, Mode::Hybrid) => (LOCATION_OTHER_REGION_HYBRID, Verdict::Relocation),
        (false, _) => (LOCATION_OTHER_REGION_ON_SITE, Verdict::Relocation),
    };
    let what = if same_region {
        "another city of the same region"
    } else {
        "another region or country"
    };
    Factor::scored(
        score,
        verdict,
        format!("Lives in {here}; the posting is {mode_word} in {location}, {what}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(resume: &str, posting: &str, preferences: Preferences) -> Factor {
        let resume = ResumeFacts {
            location: resume,
            ..Default::default()
        };
        let posting = PostingFacts {
            location: posting,
            ..Default::default()
        };
        assess(&resume, &posting, &preferences)
    }

    fn score(resume: &str, posting: &str) -> Option<f64> {
        run(resume, posting, Preferences::default()).score
    }

    #[test]
    fn remote_fits_everyone_and_the_same_city_fits() {
        assert_eq!(score("Toronto, ON, Canada", "Remote"), Some(100.0));
        assert_eq!(score("", "Remote (US)"), Some(100.0));
        assert_eq!(
            score("Berlin, Germany", "Hybrid - Berlin, Germany"),
            Some(100.0)
        );
        assert_eq!(
            score("Berlin, Deutschland", "On-site - Berlin"),
            Some(100.0)
        );
        assert_eq!(score("New York, NY, USA", "Remote"), Some(100.0));
    }

    #[test]
    fn distance_costs_by_region_and_mode() {
        assert_eq!(
            score("Munich, Germany", "Berlin, Germany"),
            Some(LOCATION_SAME_REGION_ON_SITE)
        );
        assert_eq!(
            score("Munich, Germany", "Hybrid - Berlin, Germany"),
            Some(LOCATION_SAME_REGION_HYBRID)
        );
        assert_eq!(
            score("Toronto, ON, Canada", "Berlin, Germany"),
            Some(LOCATION_OTHER_REGION_ON_SITE)
        );
        assert_eq!(
            score("Austin, TX", "Dallas, TX"),
            Some(LOCATION_SAME_REGION_ON_SITE)
        );
        assert_eq!(score("London, United Kingdom", "London, UK"), Some(100.0));
        assert_eq!(
            score("Leeds, England", "London, UK"),
            Some(LOCATION_SAME_REGION_ON_SITE)
        );
    }

    #[test]
    fn the_caller_overrides_and_unknowns_cost_nothing() {
        let remote = Preferences {
            location: None,
            remote_only: true,
        };
        assert_eq!(
            run("Berlin, Germany", "Berlin, Germany", remote.clone()).score,
            Some(LOCATION_REMOTE_WANTED_ON_SITE)
        );
        assert_eq!(run("Berlin, Germany", "Remote", remote).score, Some(100.0));
        let moved = Preferences {
            location: Some("Austin, TX".into()),
            remote_only: false,
        };
        assert_eq!(
            run("Berlin, Germany", "Austin, TX", moved).score,
            Some(100.0)
        );
        assert_eq!(score("", "Berlin, Germany"), None);
        assert_eq!(score("Berlin", ""), None);
    }
}
