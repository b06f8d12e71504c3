/**
 * The tool contract of SMCP for OSGi.
 * <p>
 * A tool is an OSGi service implementing {@link dev.smcp.api.McpTool}, described by its service properties
 * ({@link dev.smcp.api.McpTool#NAME}, {@link dev.smcp.api.McpTool#DESCRIPTION},
 * {@link dev.smcp.api.McpTool#INPUT_SCHEMA}). The protocol bundle tracks every such service and offers it to MCP
 * clients; CLI plugins and Java plugin bundles contribute tools the same way. A Declarative Services component
 * declares those properties with {@link dev.smcp.api.McpToolProperties}.
 */
@Export
@Version("1.1.0")
package dev.smcp.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
