/**
 * Runs of flows: run requests (on demand, scheduled, chained, retries of errors), their queue of
 * one job at a time per flow, dispatch to the engine, recovery after a restart, cancellation, and
 * the automatic retries of transient failures. The engine is reached only through {@link
 * io.tributary.runs.Dispatcher.JobRunner}, so this package does not depend on it.
 */
package io.tributary.runs;
