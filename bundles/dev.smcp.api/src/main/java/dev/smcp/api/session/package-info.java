/**
 * The boundary between MCP transports and the MCP protocol engine, at the level of JSON-RPC message text.
 * <p>
 * A transport (HTTP+SSE, Streamable HTTP, stdio) owns connections, framing and session ids on the wire; it opens an
 * {@link dev.smcp.api.session.McpSession} through the {@link dev.smcp.api.session.McpSessionManager} service, feeds
 * it the messages it receives, and delivers what the session sends through
 * {@link dev.smcp.api.session.McpMessageSink}s.
 */
@Export
@Version("1.0.0")
package dev.smcp.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
