//! Damaged cache entries: each kind refused on read, recomputed, overwritten and counted; no
//! number in a cached result served non-finite or off the scale (property tests).

use super::*;

/// A stored [`BackendPair`] compared once (so its comparison is cached), the comparison's
/// cache key, and that sound comparison.
async fn compared_pair(f: &Fixture) -> (BackendPair, CacheKey, super::super::Comparison) {
    let pair = BackendPair::stored(f);
    let sound = f
        .service
        .compare_resume_job(&pair.r, &pair.j, Options::default())
        .await
        .unwrap();
    let key = CacheKey::Pair {
        resume: pair.resume,
        job: pair.job,
    };
    (pair, key, sound)
}

#[tokio::test]
async fn a_damaged_cache_entry_is_recomputed_and_overwritten_never_served() {
    let f = fixture();
    let (both, pair, sound) = compared_pair(&f).await;
    let (r, j) = (both.r.as_str(), both.j.as_str());
    f.store.damage(Cache::Comparisons, &pair, |doc| {
        doc.insert("match_percentage", f64::NAN);
    });
    let again = f
        .service
        .compare_resume_job(r, j, Options::default())
        .await
        .unwrap();
    assert_eq!(again.result.match_percentage, sound.result.match_percentage);
    assert!(f.store.cache_entry(Cache::Comparisons, &pair).is_some());

    // Job embeddings: a section of the wrong length, NaN, another type, a zero vector.
    let key = CacheKey::Job(both.job);
    let damages: [bson::Bson; 4] = [
        vec![0.5_f64; 3].into(),
        vec![f64::NAN; DIMENSION].into(),
        "not a vector".into(),
        vec![0.0_f64; DIMENSION].into(),
    ];
    for damage in damages {
        f.store.damage(Cache::JobEmbeddings, &key, |doc| {
            let means = doc.get_document_mut("meanEmbeddings").unwrap();
            means.insert("skills", damage.clone());
        });
        let embeddings = f
            .service
            .job_embeddings(j, Options::default())
            .await
            .unwrap();
        for (section, vector) in &embeddings.mean_embeddings {
            assert_eq!(vector.len(), DIMENSION, "{section} after {damage}");
            assert!(vector.iter().all(|x| x.is_finite()), "{section}");
        }
        assert!(f.store.cache_entry(Cache::JobEmbeddings, &key).is_some());
        let compared = f
            .service
            .compare_resume_job(r, j, Options::FORCE)
            .await
            .unwrap();
        assert_eq!(
            compared.result.match_percentage,
            sound.result.match_percentage
        );
    }
    assert!(f.service.catalogue_stats().await.damaged_cache_entries >= 5);
}

#[tokio::test]
async fn a_cached_result_off_the_scale_is_recomputed_and_overwritten() {
    let f = fixture();
    let (both, pair, sound) = compared_pair(&f).await;
    let (r, j) = (both.r.as_str(), both.j.as_str());
    f.store.damage(Cache::Comparisons, &pair, |doc| {
        doc.insert("match_percentage", 250.0);
    });
    let again = f
        .service
        .compare_resume_job(r, j, Options::default())
        .await
        .unwrap();
    assert_eq!(again.result.match_percentage, sound.result.match_percentage);
    let stored = f.store.cache_entry(Cache::Comparisons, &pair).unwrap();
    assert_eq!(
        stored.get_f64("match_percentage").unwrap(),
        sound.result.match_percentage
    );
    let score = f.service.score_resume(r, Options::default()).await.unwrap();
    f.store
        .damage(Cache::ResumeScores, &CacheKey::Resume(both.resume), |doc| {
            doc.insert("overall_score", -3.0);
        });
    let rescored = f.service.score_resume(r, Options::default()).await.unwrap();
    assert_eq!(rescored.score.overall_score, score.score.overall_score);
}

/// Whatever number a cached score or comparison holds where a score is (NaN, ±∞, off the
/// scale, or sound), the call returns a finite score on the 0–100 scale: the stored one when
/// it was sound, else the recomputed one.
#[test]
fn no_number_in_a_cached_result_is_served_non_finite_or_off_the_scale() {
    use proptest::prelude::*;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let f = fixture();
    let resume_id = f
        .store
        .put_resume(resume(&["Python", "SQL"], "Backend Developer"));
    let job = f
        .store
        .put_job(posting("Backend Developer", &["Python"], "active"));
    let (r, j) = (hex(resume_id), hex(job));
    let pair = CacheKey::Pair {
        resume: resume_id,
        job,
    };
    let (sound_match, sound_score) = runtime.block_on(async {
        let compared = f.service.compare_resume_job(&r, &j, Options::default());
        let scored = f.service.score_resume(&r, Options::default());
        (compared.await.unwrap(), scored.await.unwrap())
    });
    const COMPARISON_FIELDS: [&str; 3] = ["match_percentage", "skills_match", "experience_match"];
    const SCORE_FIELDS: [&str; 3] = ["overall_score", "completeness", "skills"];
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&(any::<f64>(), 0usize..6), |(value, which)| {
            let (cache, key, field) = if which < 3 {
                (Cache::Comparisons, pair, COMPARISON_FIELDS[which])
            } else {
                (
                    Cache::ResumeScores,
                    CacheKey::Resume(resume_id),
                    SCORE_FIELDS[which - 3],
                )
            };
            f.store
                .damage(cache, &key, |doc| match doc.get_document_mut("breakdown") {
                    Ok(breakdown) if breakdown.contains_key(field) => {
                        breakdown.insert(field, value);
                    }
                    _ => {
                        doc.insert(field, value);
                    }
                });
            let (compared, scored) = runtime.block_on(async {
                let compared = f.service.compare_resume_job(&r, &j, Options::default());
                let scored = f.service.score_resume(&r, Options::default());
                (compared.await.unwrap(), scored.await.unwrap())
            });
            prop_assert!(compared.result.in_range() && scored.score.in_range());
            let sound = (0.0..=100.0).contains(&value);
            match (sound, cache) {
                (false, Cache::Comparisons) => {
                    prop_assert_eq!(&compared.result, &sound_match.result)
                }
                (false, _) => prop_assert_eq!(&scored.score, &sound_score.score),
                (true, _) => {}
            }
            Ok(())
        })
        .unwrap();
}
