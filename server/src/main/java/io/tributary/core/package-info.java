/**
 * The neutral building blocks every feature may use and that depend on nothing else of Tributary:
 * ids, times, and the domain's {@link io.tributary.core.Problem}s (mapped to HTTP by {@code web}).
 */
package io.tributary.core;
