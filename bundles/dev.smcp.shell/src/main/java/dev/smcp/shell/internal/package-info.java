/**
 * The Gogo console commands of scope {@code smcp}: plugins, tools, tool calls through a real MCP session, rescans
 * and sessions, as text. Private to the bundle.
 */
package dev.smcp.shell.internal;
