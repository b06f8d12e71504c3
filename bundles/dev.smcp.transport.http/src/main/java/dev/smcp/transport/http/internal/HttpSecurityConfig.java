package dev.smcp.transport.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Access rules shared by every HTTP transport ({@code /sse}, {@code /messages/}, {@code /mcp}): the Host and Origin
 * checks against DNS rebinding, then API-key authentication.
 */
@ObjectClassDefinition(id = HttpSecurityConfig.PID, name = "SMCP HTTP security",
        description = "Host and Origin validation and API-key authentication for the MCP HTTP transports. Checked in "
                + "this order on every request: Host (403), Origin (403), API key (401).")
public @interface HttpSecurityConfig {

    /** The configuration PID. */
    String PID = "dev.smcp.transport.http.security";

    @AttributeDefinition(name = "API keys", type = AttributeType.PASSWORD, required = false,
            description = "Accepted API keys, sent as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'. Several "
                    + "keys allow rotation. Empty: only loopback clients are served (when allowed below).")
    String[] apiKeys() default {};

    @AttributeDefinition(name = "Loopback clients need no key",
            description = "Requests from a loopback address (127.0.0.0/8, ::1) are served without a key. Turn off "
                    + "behind a reverse proxy on the same machine, where every client looks like loopback.")
    boolean allowLoopback() default true;

    @AttributeDefinition(name = "Authentication disabled",
            description = "Serve every client without a key, from anywhere. For closed networks only; logged as a "
                    + "warning at every start.")
    boolean authDisabled() default false;

    @AttributeDefinition(name = "Allowed hosts", required = false,
            description = "Host header names (optionally name:port) accepted besides loopback names and IP "
                    + "literals, e.g. the DNS name clients use to reach a shared server; '*' accepts any.")
    String[] allowedHosts() default {};

    @AttributeDefinition(name = "Allowed origins", required = false,
            description = "Origin header values (scheme://host[:port]) accepted besides loopback pages and the "
                    + "server's own origin, e.g. a web client's origin; '*' accepts any. Requests without Origin "
                    + "(non-browser clients) are not affected.")
    String[] allowedOrigins() default {};
}
