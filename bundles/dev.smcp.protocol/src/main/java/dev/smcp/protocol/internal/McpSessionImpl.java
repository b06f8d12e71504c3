package dev.smcp.protocol.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smcp.api.LogLevel;
import dev.smcp.api.McpTool;
import dev.smcp.api.ToolErrors;
import dev.smcp.api.ToolResult;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;

/**
 * The protocol state of one client connection: the {@code initialize} handshake, method dispatch and the
 * session's in-flight tool calls.
 * <p>
 * Responses to {@code initialize}, {@code ping}, {@code tools/list} and to every error are sent on the thread that
 * calls {@link #receive} before it returns; {@code tools/call} responses are sent from a {@code smcp-call-N}
 * thread, possibly before {@link #receive} returns. Nothing is sent for notifications, client responses, or
 * cancelled calls, and nothing once the session is closed.
 */
final class McpSessionImpl implements McpSession {

    private static final Logger LOG = LoggerFactory.getLogger(McpSessionImpl.class);

    static final String LIST_CHANGED = JsonRpc.write(JsonRpc.notification("notifications/tools/list_changed"));

    private final String id;
    private final String transport;
    private final McpMessageSink sink;
    private final long openedAt;
    private final ServerInfo server;
    private final ToolCatalog catalog;
    private final CallDispatcher dispatcher;
    private final Consumer<McpSessionImpl> onClosed;

    private final AtomicBoolean open = new AtomicBoolean(true);
    /** Set once by a successful initialize; {@code null} before. */
    private final AtomicReference<Handshake> handshake = new AtomicReference<>();
    private final Map<String, ToolCall> inFlight = new ConcurrentHashMap<>();
    /** The least severe level the client wants in {@code notifications/message}; {@code null}: none. */
    private volatile LogLevel logLevel;

    /**
     * What the server says about itself in {@code serverInfo}, and how it pages {@code tools/list}.
     *
     * @param name the server name
     * @param version the server version
     * @param toolsPageSize the most tools in one {@code tools/list} result
     * @param maxCallsPerSession the most tool calls one session may have in flight
     */
    record ServerInfo(String name, String version, int toolsPageSize, int maxCallsPerSession) {
    }

    /** What the client said in {@code initialize}, and the negotiated version. */
    private record Handshake(String protocolVersion, String clientName, String clientVersion) {
    }

    McpSessionImpl(String id, String transport, McpMessageSink sink, ServerInfo server, ToolCatalog catalog,
            CallDispatcher dispatcher, Consumer<McpSessionImpl> onClosed) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = transport;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.openedAt = System.currentTimeMillis();
        this.server = server;
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.onClosed = onClosed;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public int pendingRequests() {
        return inFlight.size();
    }

    boolean isInitialized() {
        return handshake.get() != null;
    }

    @Override
    public Receipt receive(String message, McpMessageSink replies) {
        Objects.requireNonNull(replies, "replies");
        if (!open.get()) {
            return Receipt.CLOSED;
        }
        JsonNode root = JsonRpc.parse(message);
        if (root == null) {
            send(replies, JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error", null));
            return Receipt.MALFORMED;
        }
        if (!root.isArray()) {
            return handle(root, replies, false) ? Receipt.ACCEPTED : Receipt.MALFORMED;
        }
        if (root.isEmpty()) {
            send(replies, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid Request", null));
            return Receipt.MALFORMED;
        }
        Handshake agreed = handshake.get();
        if (agreed == null || !ProtocolVersions.allowsBatches(agreed.protocolVersion())) {
            send(replies, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid Request: batches are not allowed "
                    + (agreed == null ? "before initialize" : "in protocol version " + agreed.protocolVersion()),
                    null));
            return Receipt.MALFORMED;
        }
        boolean anyValid = false;
        for (JsonNode element : root) {
            anyValid |= handle(element, replies, true);
        }
        return anyValid ? Receipt.ACCEPTED : Receipt.MALFORMED;
    }

    /** @return whether the message was a well-formed JSON-RPC message */
    private boolean handle(JsonNode node, McpMessageSink replies, boolean inBatch) {
        JsonRpc.Message message = JsonRpc.classify(node);
        if (message instanceof JsonRpc.Invalid invalid) {
            send(replies, JsonRpc.error(invalid.id(), JsonRpc.INVALID_REQUEST, "Invalid Request", null));
            return false;
        }
        if (message instanceof JsonRpc.Notification notification) {
            onNotification(notification);
            return true;
        }
        if (message instanceof JsonRpc.IgnoredNotification ignored) {
            LOG.debug("Session {}: ignoring notification {} with malformed params", LogText.session(id),
                    LogText.of(ignored.method()));
            return false;
        }
        if (message instanceof JsonRpc.Request request) {
            if (inBatch && "initialize".equals(request.method())) {
                send(replies, JsonRpc.error(request.id(), JsonRpc.INVALID_REQUEST,
                        "Invalid Request: initialize must not be part of a batch", null));
                return false;
            }
            onRequest(request, replies);
            return true;
        }
        LOG.debug("Session {}: ignoring a response from the client", LogText.session(id));
        return true;
    }

    private void onRequest(JsonRpc.Request request, McpMessageSink replies) {
        try {
            JsonNode result = dispatch(request, replies);
            if (result != null) {
                send(replies, JsonRpc.result(request.id(), result));
            }
        } catch (JsonRpcException e) {
            send(replies, JsonRpc.error(request.id(), e.code(), e.getMessage(), e.data()));
        } catch (RuntimeException e) {
            LOG.error("Session {}: handling {} failed", LogText.session(id), LogText.of(request.method()), e);
            send(replies, JsonRpc.error(request.id(), JsonRpc.INTERNAL_ERROR, "Internal error", null));
        }
    }

    /** @return the result to send, or {@code null} when the response is sent later (tools/call) */
    private JsonNode dispatch(JsonRpc.Request request, McpMessageSink replies) {
        switch (request.method()) {
        case "initialize":
            return initialize(request.params());
        case "ping":
            return JsonRpc.object();
        case "tools/list":
            requireInitialized();
            return toolsList(request.params());
        case "tools/call":
            requireInitialized();
            toolsCall(request, replies);
            return null;
        case "logging/setLevel":
            requireInitialized();
            return setLevel(request.params());
        default:
            throw new JsonRpcException(JsonRpc.METHOD_NOT_FOUND, "Method not found");
        }
    }

    private void requireInitialized() {
        if (!isInitialized()) {
            throw new JsonRpcException(JsonRpc.INVALID_REQUEST, "Session not initialized");
        }
    }

    private JsonNode initialize(JsonNode params) {
        ObjectNode object = objectParams(params, true);
        JsonNode requested = object.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw JsonRpcException.invalidParams("protocolVersion must be a string");
        }
        JsonNode clientInfo = object.path("clientInfo");
        Handshake agreed = new Handshake(ProtocolVersions.negotiate(requested.textValue()),
                clientInfo.path("name").textValue(), clientInfo.path("version").textValue());
        if (!handshake.compareAndSet(null, agreed)) {
            throw new JsonRpcException(JsonRpc.INVALID_REQUEST, "Session already initialized");
        }
        LOG.info("Session {} ({}) initialized: protocol {}, client {} {}", LogText.session(id), transport,
                agreed.protocolVersion(), LogText.of(agreed.clientName()), LogText.of(agreed.clientVersion()));
        ObjectNode result = JsonRpc.object();
        result.put("protocolVersion", agreed.protocolVersion());
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("logging");
        ObjectNode serverInfo = result.putObject("serverInfo");
        serverInfo.put("name", server.name());
        serverInfo.put("version", server.version());
        return result;
    }

    private JsonNode toolsList(JsonNode params) {
        ObjectNode object = objectParams(params, false);
        JsonNode cursor = object.get("cursor");
        if (cursor != null && !cursor.isNull() && !cursor.isTextual()) {
            throw new JsonRpcException(JsonRpc.INVALID_PARAMS, "Invalid cursor");
        }
        return ToolListPages.page(catalog.snapshot().listing(), handshake.get().protocolVersion(),
                cursor == null || cursor.isNull() ? null : cursor.textValue(), server.toolsPageSize());
    }

    private JsonNode setLevel(JsonNode params) {
        JsonNode level = objectParams(params, true).get("level");
        LogLevel parsed = level != null && level.isTextual() ? LogLevel.fromWireName(level.textValue()) : null;
        if (parsed == null) {
            throw JsonRpcException.invalidParams("level must be one of debug, info, notice, warning, error, "
                    + "critical, alert, emergency");
        }
        logLevel = parsed;
        LOG.debug("Session {}: log level {}", LogText.session(id), parsed.wireName());
        return JsonRpc.object();
    }

    /** Sends a log message of a call to the client, if it asked for that level. */
    void log(ToolCall call, LogLevel level, Object data) {
        LogLevel wanted = logLevel;
        if (wanted == null || level == null || level.compareTo(wanted) < 0) {
            return;
        }
        ObjectNode params = JsonRpc.object();
        params.put("level", level.wireName());
        params.put("logger", call.toolName());
        JsonNode json;
        try {
            json = JsonRpc.MAPPER.valueToTree(data);
        } catch (IllegalArgumentException | StackOverflowError e) {
            json = JsonRpc.MAPPER.getNodeFactory().textNode(String.valueOf(data));
        }
        params.set("data", json);
        send(call.replies(), JsonRpc.notification("notifications/message", params));
    }

    /** Sends a progress notification of a call (the caller checked the token and that progress increased). */
    void progress(ToolCall call, JsonNode token, double progress, Double total, String message) {
        ObjectNode params = JsonRpc.object();
        params.set("progressToken", token);
        params.put("progress", progress);
        if (total != null) {
            params.put("total", total);
        }
        Handshake agreed = handshake.get();
        if (message != null && agreed != null && ProtocolVersions.hasProgressMessages(agreed.protocolVersion())) {
            params.put("message", message);
        }
        send(call.replies(), JsonRpc.notification("notifications/progress", params));
    }

    private void toolsCall(JsonRpc.Request request, McpMessageSink replies) {
        ObjectNode params = objectParams(request.params(), true);
        JsonNode nameNode = params.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw JsonRpcException.invalidParams("name must be a string");
        }
        String name = nameNode.textValue();
        JsonNode argumentsNode = params.get("arguments");
        if (argumentsNode != null && !argumentsNode.isNull() && !argumentsNode.isObject()) {
            throw JsonRpcException.invalidParams("arguments must be an object");
        }
        OfferedTool tool = catalog.snapshot().tool(name);
        if (tool == null) {
            LOG.info("Tool call {} session {}: {}", LogText.of(name), LogText.session(id), ToolErrors.TOOL_NOT_FOUND);
            String message = "Unknown tool: " + name;
            ObjectNode data = JsonRpc.object();
            ObjectNode error = data.putObject("error");
            error.put("code", ToolErrors.TOOL_NOT_FOUND);
            error.put("message", message);
            throw new JsonRpcException(JsonRpc.INVALID_PARAMS, message, data);
        }
        Map<String, Object> arguments = argumentsNode == null || argumentsNode.isNull() ? new LinkedHashMap<>()
                : JsonValues.toMap(argumentsNode);
        JsonNode token = params.path("_meta").get("progressToken");
        ToolCall call = new ToolCall(request.id(), name, id, replies, this,
                token != null && (token.isTextual() || token.isIntegralNumber()) ? token : null);
        if (inFlight.putIfAbsent(call.key(), call) != null) {
            throw new JsonRpcException(JsonRpc.INVALID_REQUEST, "Request id already in use");
        }
        if (!open.get()) {
            // closed while we were getting here: drop the call silently
            inFlight.remove(call.key(), call);
            return;
        }
        if (inFlight.size() > server.maxCallsPerSession()) {
            inFlight.remove(call.key(), call);
            refuseBusy(replies, request, name, "this session has " + server.maxCallsPerSession()
                    + " tool calls in flight, the most one session may have. Wait for one to finish.");
            return;
        }
        if (!dispatcher.submit(releaseSlot -> run(call, tool, arguments, releaseSlot))) {
            inFlight.remove(call.key(), call);
            refuseBusy(replies, request, name, "too many tool calls are running. Try again later.");
        }
    }

    private void refuseBusy(McpMessageSink replies, JsonRpc.Request request, String name, String why) {
        dispatcher.finished(false);
        LOG.info("Tool call {} session {}: {}", LogText.of(name), LogText.session(id), ToolErrors.BUSY);
        ToolResult busy = ToolResult.error(ToolErrors.BUSY, "The server is busy: " + why);
        send(replies, JsonRpc.result(request.id(), ToolResults.toJson(busy)));
    }

    /**
     * Runs on a {@code smcp-call-N} thread. The request id and the pool slot are freed before the response is sent,
     * so the client may reuse both as soon as it has the response.
     */
    private void run(ToolCall call, OfferedTool tool, Map<String, Object> arguments, Runnable releaseSlot) {
        long start = System.nanoTime();
        String outcome = "cancelled";
        ObjectNode response = null;
        VirtualMachineError fatal = null;
        try {
            if (!call.isCancelled()) {
                ToolResult result = invoke(call, tool, arguments);
                ObjectNode json;
                try {
                    json = ToolResults.toJson(result);
                } catch (RuntimeException | StackOverflowError e) {
                    // StackOverflowError: structured content that contains itself
                    LOG.warn("Tool {} returned a result that cannot be written as JSON: {}", tool.name(),
                            e.toString());
                    result = ToolResult.error(ToolErrors.INTERNAL_ERROR, "Tool execution failed");
                    json = ToolResults.toJson(result);
                }
                if (call.complete()) {
                    outcome = result.isError() ? Objects.requireNonNullElse(result.errorCode(), "error") : "ok";
                    response = JsonRpc.result(call.requestId(), json);
                }
            }
        } catch (Throwable e) { // whatever happens, the client gets an answer
            LOG.error("Session {}: running tool {} failed", LogText.session(id), tool.name(), e);
            if (call.complete()) {
                outcome = "internal_error";
                response = JsonRpc.error(call.requestId(), JsonRpc.INTERNAL_ERROR, "Internal error", null);
            }
            if (e instanceof VirtualMachineError error) {
                fatal = error; // answered first, rethrown last
            }
        } finally {
            inFlight.remove(call.key(), call);
            releaseSlot.run();
        }
        dispatcher.finished("ok".equals(outcome));
        if (response != null) {
            send(call.replies(), response);
        }
        LOG.info("Tool call {} session {}: {} in {} ms", tool.name(), LogText.session(id), outcome,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        if (fatal != null) {
            throw fatal;
        }
    }

    private static ToolResult invoke(ToolCall call, OfferedTool tool, Map<String, Object> arguments) {
        McpTool service;
        try {
            service = tool.service().get();
        } catch (RuntimeException e) {
            LOG.warn("Getting the service object of tool {} (service {}) failed", tool.name(), tool.serviceId(), e);
            service = null;
        }
        if (service == null) {
            return ToolResult.error(ToolErrors.TOOL_NOT_FOUND, "Tool " + tool.name() + " is no longer available");
        }
        try {
            ToolResult result = service.call(arguments, call);
            if (result != null) {
                return result;
            }
            LOG.warn("Tool {} returned no result", tool.name());
        } catch (Exception | LinkageError | AssertionError | StackOverflowError | ServiceConfigurationError e) {
            if (call.isCancelled()) {
                LOG.debug("Tool {} failed after being cancelled", tool.name(), e);
            } else {
                LOG.warn("Tool {} failed", tool.name(), e);
            }
        }
        return ToolResult.error(ToolErrors.INTERNAL_ERROR, "Tool execution failed");
    }

    private void onNotification(JsonRpc.Notification notification) {
        switch (notification.method()) {
        case "notifications/initialized":
            LOG.debug("Session {}: client initialized", LogText.session(id));
            break;
        case "notifications/cancelled":
            JsonNode requestId = notification.params() == null ? null : notification.params().get("requestId");
            if (JsonRpc.isValidId(requestId)) {
                ToolCall call = inFlight.get(ToolCall.key(requestId));
                if (call != null) {
                    LOG.debug("Session {}: cancelling request {}", LogText.session(id), LogText.of(call.key()));
                    call.cancel();
                }
            }
            break;
        default:
            LOG.debug("Session {}: ignoring notification {}", LogText.session(id), LogText.of(notification.method()));
        }
    }

    /**
     * @param required whether params must be present
     * @return the params object (an empty one when absent and not required)
     */
    private static ObjectNode objectParams(JsonNode params, boolean required) {
        if (params == null && !required) {
            return JsonRpc.object();
        }
        if (params instanceof ObjectNode object) {
            return object;
        }
        throw JsonRpcException.invalidParams("params must be an object");
    }

    /** Sends {@code notifications/tools/list_changed} if the session is initialized. */
    boolean notifyToolsListChanged() {
        if (!isInitialized() || !open.get()) {
            return false;
        }
        sendText(sink, LIST_CHANGED);
        return true;
    }

    private void send(McpMessageSink target, JsonNode message) {
        if (open.get()) {
            sendText(target, JsonRpc.write(message));
        }
    }

    private void sendText(McpMessageSink target, String json) {
        if (!open.get()) {
            return;
        }
        try {
            target.send(json);
        } catch (RuntimeException e) {
            LOG.debug("Session {}: the transport failed to send a message", LogText.session(id), e);
        }
    }

    @Override
    public void close() {
        closeSession();
    }

    /** Closes the session because the server stops: also tells the transport through the session sink. */
    void closeByServer() {
        if (closeSession()) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debug("Session {}: the transport failed to close", LogText.session(id), e);
            }
        }
    }

    private boolean closeSession() {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        inFlight.values().forEach(ToolCall::cancel);
        onClosed.accept(this);
        LOG.info("Session {} ({}) closed", LogText.session(id), transport);
        return true;
    }

    SessionDTO toDTO() {
        SessionDTO dto = new SessionDTO();
        dto.id = id;
        dto.transport = transport;
        Handshake agreed = handshake.get();
        if (agreed != null) {
            dto.protocolVersion = agreed.protocolVersion();
            dto.clientName = agreed.clientName();
            dto.clientVersion = agreed.clientVersion();
        }
        dto.openedAt = openedAt;
        dto.inFlight = inFlight.size();
        return dto;
    }
}
