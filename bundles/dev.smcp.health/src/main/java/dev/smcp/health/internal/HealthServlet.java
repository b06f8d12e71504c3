package dev.smcp.health.internal;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * {@code GET /health} for load balancers and monitors: 200 with the health report as JSON while the protocol engine
 * runs, whether healthy or degraded (the server still serves), {@code HEAD} alike without a body. It needs no API
 * key, so that a load balancer can call it; the report holds counts and plugin names, no configuration and no
 * secrets.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("smcp-health")
@HttpWhiteboardServletPattern("/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient HealthReporter reporter;

    /** @param reporter builds the report */
    @Activate
    public HealthServlet(@Reference HealthReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Map<String, Object> report = reporter.report();
        byte[] body = JSON.writeValueAsBytes(report);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        if (!head) {
            resp.getOutputStream().write(body);
        }
    }
}
