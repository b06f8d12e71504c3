package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Admits or refuses every request of the HTTP transports by the {@link AccessPolicy} of PID
 * {@value HttpSecurityConfig#PID}. A configuration change takes effect for the next request, without restarting the
 * transports or ending sessions. A service private to this bundle.
 */
@Component(service = RequestGuard.class, configurationPid = HttpSecurityConfig.PID)
@Designate(ocd = HttpSecurityConfig.class)
public class RequestGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile AccessPolicy policy;

    /** @param config the access rules */
    @Activate
    public RequestGuard(HttpSecurityConfig config) {
        this(AccessPolicy.of(config));
    }

    /** For tests and for the transports' own defaults. */
    RequestGuard(AccessPolicy policy) {
        use(policy);
    }

    @Modified
    void modified(HttpSecurityConfig config) {
        use(AccessPolicy.of(config));
    }

    private void use(AccessPolicy next) {
        policy = next;
        if (next.authDisabled()) {
            LOG.warn("HTTP authentication is DISABLED: every client that can reach the port may call every tool");
        } else {
            LOG.info("HTTP access: {} API keys, loopback clients {}", next.keyCount(),
                    next.allowLoopback() ? "need no key" : "need a key");
        }
    }

    /**
     * Checks a request and answers it when refused: 403 for a bad Host or Origin, 401 with
     * {@code WWW-Authenticate: Bearer} for a missing or wrong key, each with a JSON body
     * {@code {"error": ..., "message": ...}}.
     *
     * @return who the request is from (sessions are bound to it), or {@code null} when refused and answered
     */
    String admit(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AccessPolicy.Decision decision = policy.check(req.getRemoteAddr(), req.getHeader("Host"),
                req.getHeader("Origin"), req.getHeader("Authorization"), req.getHeader("X-API-Key"));
        if (decision.allowed()) {
            return decision.caller();
        }
        LOG.info("Refused {} {} from {}: {}", req.getMethod(), req.getRequestURI(), req.getRemoteAddr(),
                decision.error());
        if (decision.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"smcp\"");
        }
        PlainText.closeAfterAnswer(req, resp); // the body is left unread
        ObjectNode body = JSON.createObjectNode();
        body.put("error", decision.error());
        body.put("message", decision.message());
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(decision.status());
        resp.setContentType("application/json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
        return null;
    }
}
