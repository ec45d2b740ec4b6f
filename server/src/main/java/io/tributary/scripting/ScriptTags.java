package io.tributary.scripting;

/**
 * What a script call's logs are tagged with: the flow and the job it ran for (either may be null).
 */
public record ScriptTags(String flowId, String jobId) {}
