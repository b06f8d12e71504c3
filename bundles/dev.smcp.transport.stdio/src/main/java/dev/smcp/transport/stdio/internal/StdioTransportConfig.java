package dev.smcp.transport.stdio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the stdio transport. The transport runs only while this configuration exists: the standalone
 * launcher creates it in {@code --stdio} mode.
 */
@ObjectClassDefinition(id = StdioTransportConfig.PID, name = "SMCP stdio transport",
        description = "Serves one MCP session as newline-delimited JSON-RPC on the process's standard input and "
                + "output, for MCP clients that start the server themselves. Only for a runtime without a console: "
                + "the transport owns stdin and stdout, and stops the framework when its input ends.")
public @interface StdioTransportConfig {

    /** The configuration PID. */
    String PID = "dev.smcp.transport.stdio";

    /** Default cap on one input line: 4 MiB, as the HTTP transport's body limit. */
    int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;
    /** Default cap on the bytes waiting to be written to stdout: 64 MiB. */
    int DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

    @AttributeDefinition(name = "Maximum message (bytes)", min = "1",
            description = "An input line longer than this is skipped to its end and answered with a JSON-RPC "
                    + "error -32600 (id null); the session goes on.")
    int maxLineBytes() default DEFAULT_MAX_LINE_BYTES;

    @AttributeDefinition(name = "Maximum queued bytes", min = "1",
            description = "How many bytes of messages may wait to be written to stdout. A client that stops "
                    + "reading fills the queue; a message that would take it over this limit ends the transport "
                    + "(and the server). One message alone is always accepted, however large.")
    int maxQueuedBytes() default DEFAULT_MAX_QUEUED_BYTES;
}
