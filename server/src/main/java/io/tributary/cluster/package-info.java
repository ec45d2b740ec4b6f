/**
 * Cluster mode (D26): nodes sharing one PostgreSQL store register, heartbeat, and take over the
 * jobs of dead nodes; {@code GET /v1/cluster} lists them.
 */
package io.tributary.cluster;
