// Compiled by the tests with `tsc --noEmit --strict`: the declarations must type real usage
// without `any`, and reject misuse (each @ts-expect-error must be an error).
import ai = require('../index.js')
import type { Comparison, ResumeScore, ErrorCode, ResumeAiError, Backfill, Progress, JobClusters, SkillGap } from '../index.js'

async function usage(): Promise<void> {
  ai.configure({ mongoUri: 'mongodb://127.0.0.1:27017', dbName: 'app', collections: { applicationUserField: 'applicant' } })
  const score: ResumeScore = await ai.scoreResume('0123456789abcdef01234567', { force: true })
  const grade: 'A+' | 'A' | 'B+' | 'B' | 'C+' | 'C' | 'D' | 'F' = score.grade
  const total: number = score.breakdown.completeness + score.total_experience_years
  const embeddings = await ai.generateResumeEmbeddings('0123456789abcdef01234567')
  const skills: number[] | undefined = embeddings.meanEmbeddings.skills
  const years: number = embeddings.metrics.totalExperienceYears
  const job = await ai.generateJobEmbeddings('0123456789abcdef01234567')
  const title: number[] | undefined = job.meanEmbeddings.jobTitle
  const comparison: Comparison = await ai.compareResumeJob('a', 'b')
  const level: 'Excellent Match' | 'Good Match' | 'Fair Match' | 'Poor Match' = comparison.recommendation_level
  const controller = new AbortController()
  const batch: Comparison[] = await ai.batchCompare('a', ['b', 'c'], 20, {
    signal: controller.signal,
    onProgress: (p: Progress) => console.log(p.done, p.total),
  })
  const recs: Comparison[] = await ai.getRecommendations('user', 'a', 10)
  ai.configure({ matching: 'extended' })
  const model: 'seed' | 'extended' = recs[0].matchModel
  const seniority: number | null = recs[0].factors.seniority.score
  const role: string | undefined = recs[0].factors.jobRole?.role
  const coApplicants: number | undefined = recs[0].collaborative?.coApplicants
  await ai.getRecommendations('user', 'a', 10, { roleType: 'Backend', location: 'Berlin, Germany', remote: false })
  await ai.compareResumeJob('a', 'b', { location: 'Austin, TX' })
  // @ts-expect-error only the two models exist
  ai.configure({ matching: 'fancy' })
  const backfill: Backfill = await ai.backfillJobEmbeddings({ filter: { status: 'active' } })
  const fromRun = await ai.run('score_resume', ['a'])
  const vectors: Float32Array[] = await ai.embed(['Python'])
  const info = await ai.modelInfo()
  const dims: number = info.dimension
  ai.configure({ precision: 'bf16' })
  const precision: 'fp32' | 'bf16' | 'int8' | 'auto' = info.precision
  const kernels: 'avx512' | 'avx2' | 'portable' = info.kernels
  ai.configure({ precision: 'int8' })
  ai.configure({ precision: 'auto' })
  const packedWeights: string | undefined = info.packedWeights
  const int8Kernels: string | undefined = info.int8Kernels
  const exceptions: string[] = info.precisionExceptions
  // @ts-expect-error only fp32, bf16, int8 and auto exist
  ai.configure({ precision: 'fp16' })
  ai.configure({ log: { level: 'info', ids: false } })
  // @ts-expect-error only off, info and debug
  ai.configure({ log: { level: 'verbose' } })
  const metrics = await ai.metrics()
  const notFound: number | undefined = metrics.calls.scoreResume.errors.RESUME_NOT_FOUND
  const latencyBuckets: number[] = metrics.calls.scoreResume.latencySeconds.counts
  const hits: number = metrics.caches.resumeScores.hits + metrics.caches.textMemory.misses
  const waiting: number = metrics.model.queueDepth + metrics.model.queueWaitSeconds.sum
  const age: number | null | undefined = metrics.catalogue?.ageSeconds
  console.log(notFound, latencyBuckets, hits, waiting, age)
  const { deleted } = await ai.invalidateResume('a')
  const families: JobClusters = await ai.clusterJobs({ k: 8, filter: { company: 'X' }, seed: 1, signal: controller.signal })
  const share: number = families.clusters[0].topSkills[0].share
  const similar: string = (await ai.similarJobs('b', 5))[0].jobTitle
  const demand: number = (await ai.marketInsights()).skillDemand[0].postings
  const roleShare: number = (await ai.marketInsights()).roleTypes[0].share
  const gap: SkillGap = await ai.skillGap('a', { jobId: 'b' })
  const kind: 'job' | 'cluster' = gap.target.kind
  const closest: string | undefined = gap.missing[0].closest?.name
  await ai.skillGap('a', { clusterId: 0 })
  await ai.skillGap('a')
  // @ts-expect-error a cluster id is a number
  await ai.skillGap('a', { clusterId: '0' })
  console.log(share, similar, demand, kind, closest)
  try {
    await ai.scoreResume('nope')
  } catch (e) {
    const code: ErrorCode = (e as ResumeAiError).code
    console.log(code)
  }
  // @ts-expect-error the id is a string
  await ai.scoreResume(42)
  // @ts-expect-error no such result field
  console.log(score.overallScore)
  console.log(grade, total, skills, years, title, level, batch, recs, backfill, fromRun, vectors, dims, deleted)
}

void usage
