/**
 * The clock plugin's tools, one Declarative Services component each. Private to the bundle: the tools are reached
 * only as {@link dev.smcp.api.McpTool} services.
 */
package dev.smcp.plugin.clock.internal;
