/**
 * PromptYoSelf: prompts that Letta agents schedule for themselves, stored in SQLite or PostgreSQL and delivered by
 * a scheduler that runs inside the server. Private to the bundle: reached only as {@link dev.smcp.api.McpTool}
 * services.
 */
package dev.smcp.plugin.promptyoself.internal;
