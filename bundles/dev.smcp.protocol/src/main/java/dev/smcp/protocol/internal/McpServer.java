package dev.smcp.protocol.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smcp.api.McpTool;
import dev.smcp.api.runtime.FailedToolDTO;
import dev.smcp.api.runtime.McpServerRuntime;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.runtime.ToolDTO;
import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * The MCP server: opens sessions for transports, tracks tool services into the catalog, runs tool calls on its own
 * bounded pool, and tells initialized sessions when the tool list changed.
 */
@Component(service = { McpSessionManager.class, McpServerRuntime.class }, configurationPid = McpServer.PID,
        immediate = true)
@Designate(ocd = McpServerConfig.class)
public final class McpServer implements McpSessionManager, McpServerRuntime {

    static final String PID = "dev.smcp.protocol";

    private static final Logger LOG = LoggerFactory.getLogger(McpServer.class);

    private static final long SHUTDOWN_WAIT_MILLIS = 10_000;

    private final BundleContext context;
    private final ServerSettings settings;
    private final McpSessionImpl.ServerInfo serverInfo;
    private final ListChangedNotifier notifier;
    private final ToolCatalog catalog;
    private final CallDispatcher dispatcher;
    private final Map<String, McpSessionImpl> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final long startedAt = System.currentTimeMillis();
    private volatile boolean stopped;
    /** What initialized sessions were last told about; read and written on the notifier thread only. */
    private volatile List<ToolCatalog.Listing> notifiedListing;

    @Activate
    public McpServer(BundleContext context, McpServerConfig config) {
        this(context, ServerSettings.from(config), mavenVersion(context.getBundle().getVersion()));
    }

    /** For tests: no framework; tools are added through {@link #catalog()}. */
    McpServer(ServerSettings settings, String version) {
        this(null, settings, version);
    }

    private McpServer(BundleContext context, ServerSettings settings, String version) {
        this.context = context;
        this.settings = settings;
        this.serverInfo = new McpSessionImpl.ServerInfo(settings.serverName(), version, settings.toolsPageSize(),
                settings.maxCallsPerSession());
        this.notifier = new ListChangedNotifier(settings.listChangedDebounceMillis(), this::sendListChanged);
        this.catalog = new ToolCatalog(notifier::changed);
        this.notifiedListing = catalog.snapshot().listing();
        this.dispatcher = new CallDispatcher(settings.maxConcurrentCalls(), settings.maxQueuedCalls());
        LOG.info("MCP server {} {} started: protocols {}, maxConcurrentCalls={}, maxQueuedCalls={}, "
                + "listChangedDebounceMillis={}", serverInfo.name(), serverInfo.version(), ProtocolVersions.SUPPORTED,
                settings.maxConcurrentCalls(), settings.maxQueuedCalls(), settings.listChangedDebounceMillis());
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        for (McpSessionImpl session : List.copyOf(sessions.values())) {
            session.closeByServer();
        }
        notifier.close();
        dispatcher.shutdown(SHUTDOWN_WAIT_MILLIS);
        LOG.info("MCP server {} stopped", serverInfo.name());
    }

    @Reference(name = "tool", service = McpTool.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindTool",
            updated = "updatedTool")
    void bindTool(ServiceReference<McpTool> reference) {
        catalog.put(registration(reference, new ToolServiceObject(context, reference)));
    }

    void updatedTool(ServiceReference<McpTool> reference) {
        ToolRegistration current = catalog.get(serviceId(reference));
        catalog.put(registration(reference,
                current != null ? current.service() : new ToolServiceObject(context, reference)));
    }

    void unbindTool(ServiceReference<McpTool> reference) {
        ToolRegistration removed = catalog.remove(serviceId(reference));
        if (removed != null && removed.service() instanceof ToolServiceObject object) {
            object.release();
        }
    }

    @Override
    public McpSession open(String transport, McpMessageSink sink) {
        if (stopped) {
            throw new IllegalStateException("The MCP server is stopped");
        }
        McpSessionImpl session = new McpSessionImpl(newSessionId(), transport, sink, serverInfo, catalog, dispatcher,
                closed -> sessions.remove(closed.id(), closed));
        sessions.put(session.id(), session);
        if (stopped) {
            session.closeByServer(); // raced with deactivate
        }
        LOG.info("Session {} ({}) opened", LogText.session(session.id()), LogText.of(transport));
        return session;
    }

    @Override
    public ServerDTO getServerDTO() {
        ToolCatalog.Snapshot snapshot = catalog.snapshot();
        ServerDTO dto = new ServerDTO();
        dto.name = serverInfo.name();
        dto.version = serverInfo.version();
        dto.protocolVersions = ProtocolVersions.SUPPORTED.toArray(new String[0]);
        dto.tools = snapshot.tools().values().stream().map(McpServer::toolDTO).toArray(ToolDTO[]::new);
        dto.failedTools = snapshot.failed().stream().map(McpServer::failedToolDTO).toArray(FailedToolDTO[]::new);
        List<SessionDTO> open = new ArrayList<>();
        for (McpSessionImpl session : sessions.values()) {
            open.add(session.toDTO());
        }
        open.sort(Comparator.comparingLong((SessionDTO s) -> s.openedAt).thenComparing(s -> s.id));
        dto.sessions = open.toArray(new SessionDTO[0]);
        dto.startedAt = startedAt;
        dto.callsInFlight = dispatcher.inFlight();
        dto.callsSucceeded = dispatcher.succeeded();
        dto.callsFailed = dispatcher.failed();
        return dto;
    }

    /** The tool catalog; tests add tools here directly. */
    ToolCatalog catalog() {
        return catalog;
    }

    ServerSettings settings() {
        return settings;
    }

    /** Runs on the notifier thread once the catalog was quiet for the debounce time. */
    private void sendListChanged() {
        List<ToolCatalog.Listing> listing = catalog.snapshot().listing();
        if (listing.equals(notifiedListing)) {
            return; // changed and changed back
        }
        notifiedListing = listing;
        int notified = 0;
        for (McpSessionImpl session : sessions.values()) {
            if (session.notifyToolsListChanged()) {
                notified++;
            }
        }
        LOG.debug("Tool list changed ({} tools): notified {} sessions", listing.size(), notified);
    }

    private String newSessionId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** @return {@code 1.2.3} or {@code 1.2.3-QUALIFIER}, the way Maven writes versions */
    static String mavenVersion(Version version) {
        String base = version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
        return version.getQualifier().isEmpty() ? base : base + "-" + version.getQualifier();
    }

    private static ToolRegistration registration(ServiceReference<McpTool> reference, Supplier<McpTool> service) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            Object value = reference.getProperty(key);
            if (value != null) {
                properties.put(key, value);
            }
        }
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        Bundle bundle = reference.getBundle();
        return new ToolRegistration(serviceId(reference), ranking instanceof Integer r ? r : 0,
                bundle == null ? -1 : bundle.getBundleId(),
                bundle == null ? null : bundle.getSymbolicName() + ":" + bundle.getVersion(), properties, service);
    }

    private static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    private static ToolDTO toolDTO(OfferedTool tool) {
        ToolDTO dto = new ToolDTO();
        dto.name = tool.name();
        dto.description = tool.description();
        dto.plugin = tool.plugin();
        dto.serviceId = tool.serviceId();
        dto.bundleId = tool.bundleId();
        return dto;
    }

    private static FailedToolDTO failedToolDTO(FailedTool failed) {
        FailedToolDTO dto = new FailedToolDTO();
        dto.name = failed.name();
        dto.serviceId = failed.serviceId();
        dto.bundleId = failed.bundleId();
        dto.failureReason = failed.reason();
        dto.message = failed.message();
        return dto;
    }
}
