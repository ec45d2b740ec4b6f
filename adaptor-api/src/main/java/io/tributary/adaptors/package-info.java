/**
 * The adaptor SPI: what an adaptor implements ({@link io.tributary.adaptors.Adaptor}, {@link
 * io.tributary.adaptors.PageSource}), what it is given ({@link io.tributary.adaptors.StepContext},
 * {@link io.tributary.adaptors.Throttle}, {@link io.tributary.adaptors.Templating}) and what it
 * answers (results, {@link io.tributary.adaptors.RecordError}, {@link
 * io.tributary.adaptors.AdaptorException}), plus the JSON helpers in {@code
 * io.tributary.adaptors.json}.
 *
 * <p>This module depends on the JDK, SLF4J and Jackson 2 only, so a third party can build an
 * adaptor against it without the server. Adaptors are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.tributary.adaptors.Adaptor}); the built-in HTTP and RDBMS adaptors
 * are written against this module alone.
 */
package io.tributary.adaptors;
