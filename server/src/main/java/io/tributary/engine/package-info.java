/**
 * The engine: one claimed flow job's pages through its steps. {@code RunPlanner} reads the flow and
 * its exports, imports and connections once into a typed {@code RunPlan}; from there on the engine
 * acts on records, and adaptors get their documents through the SPI.
 */
package io.tributary.engine;
