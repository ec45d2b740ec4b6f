package io.tributary.scripting;

/** One {@code console.*} line a script wrote: {@code level} is debug, info, warn or error. */
public record LogLine(long time, String level, String message) {}
