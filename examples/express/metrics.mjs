// resume-ai's `metrics()` as Prometheus metrics, through prom-client (the Node convention):
// register them on your registry (beside `collectDefaultMetrics`, your own) and serve it.
// The addon keeps its histograms already bucketed, so each family is a small custom metric
// (prom-client's own Histogram can only observe values one by one); prom-client formats it.
import { Registry } from 'prom-client'

/** Registers resume-ai's metrics on `registry` (a new one by default) and returns it.
 * @param {{ metrics(): Promise<import('../../index.js').Metrics> }} ai the module or a `Client` */
export function registerResumeAiMetrics(ai, registry = new Registry(), prefix = 'resume_ai_') {
  // Every family of one scrape reads one snapshot: prom-client asks them all in one tick.
  let pending = null
  const snapshot = () => {
    if (!pending) {
      pending = ai.metrics()
      setImmediate(() => { pending = null })
    }
    return pending
  }
  const family = (name, type, help, values) => {
    const fullName = prefix + name
    registry.registerMetric({
      name: fullName,
      help,
      type,
      async get() {
        return { name: fullName, help, type, values: values(await snapshot(), fullName) }
      },
    })
  }
  const histogram = (fullName, h, labels = {}) => [
    ...h.bounds.map((le, i) => ({ metricName: `${fullName}_bucket`, labels: { ...labels, le }, value: h.counts[i] })),
    { metricName: `${fullName}_bucket`, labels: { ...labels, le: '+Inf' }, value: h.count },
    { metricName: `${fullName}_sum`, labels, value: h.sum },
    { metricName: `${fullName}_count`, labels, value: h.count },
  ]
  const calls = (m) => Object.entries(m.calls)

  family('calls_total', 'counter', 'Calls per function, successes and rejections.', (m) =>
    calls(m).map(([fn, c]) => ({ labels: { function: fn }, value: c.calls })))
  family('call_errors_total', 'counter', 'Rejections per function and error code.', (m) =>
    calls(m).flatMap(([fn, c]) => Object.entries(c.errors).map(([code, value]) => ({ labels: { function: fn, code }, value }))))
  family('call_duration_seconds', 'histogram', 'Seconds from a call to its settling.', (m, name) =>
    calls(m).flatMap(([fn, c]) => histogram(name, c.latencySeconds, { function: fn })))
  family('cache_lookups_total', 'counter', 'Cache lookups per cache: hit (served) or miss (computed).', (m) =>
    Object.entries(m.caches).flatMap(([cache, c]) => [
      { labels: { cache, result: 'hit' }, value: c.hits },
      { labels: { cache, result: 'miss' }, value: c.misses },
    ]))
  family('model_queue_depth', 'gauge', 'Requests waiting for the model.', (m) => [{ value: m.model.queueDepth }])
  family('model_queue_wait_seconds', 'histogram', 'Seconds a request waited for its model round.', (m, name) =>
    histogram(name, m.model.queueWaitSeconds))
  family('model_batch_texts', 'histogram', 'Distinct texts per model call.', (m, name) => histogram(name, m.model.batchTexts))
  family('model_texts_embedded_total', 'counter', 'Texts the model embedded.', (m) => [{ value: m.model.textsEmbedded }])
  family('model_calls_total', 'counter', 'Model calls (rounds of the queue).', (m) => [{ value: m.model.modelCalls }])
  family('model_busy_seconds_total', 'counter', 'Seconds the model spent embedding.', (m) => [{ value: m.model.busySeconds }])
  family('model_texts_per_second', 'gauge', 'Texts embedded per second of model time.', (m) => [{ value: m.model.textsPerSecond }])
  const catalogue = (pick) => (m) => (m.catalogue && pick(m.catalogue) !== null ? [{ value: pick(m.catalogue) }] : [])
  family('catalogue_postings', 'gauge', 'Active postings with vectors in the catalogue.', catalogue((c) => c.postings))
  family('catalogue_unembedded', 'gauge', 'Active postings the next call embeds.', catalogue((c) => c.unembedded))
  family('catalogue_bytes', 'gauge', 'Memory of the catalogue.', catalogue((c) => c.bytes))
  family('catalogue_age_seconds', 'gauge', 'Seconds since the board was last listed.', catalogue((c) => c.ageSeconds))
  family('catalogue_refreshes_total', 'counter', 'Listings of the board completed.', catalogue((c) => c.refreshes))
  return registry
}
