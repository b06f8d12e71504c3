package dev.smcp.protocol.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smcp.api.McpTool;
import dev.smcp.api.runtime.FailedToolDTO;

/**
 * The tools offered to clients, by name, built from the tracked tool services.
 * <p>
 * Each service is checked once when it is added or updated (name, input schema). Among valid services with the
 * same name the one with the highest {@code service.ranking}, then the lowest {@code service.id}, is offered; the
 * others and the invalid ones are reported as failed and logged once. Readers get immutable {@link Snapshot}s;
 * {@code onChange} runs (under the catalog's lock, so it must be quick) whenever what clients see changes.
 */
final class ToolCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCatalog.class);

    private static final Pattern NAME = Pattern.compile(McpTool.NAME_PATTERN);

    /** The schema of a tool without {@code mcp.tool.inputSchema}: no arguments. Shared, never modified. */
    static final ObjectNode DEFAULT_SCHEMA = defaultSchema();

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Runnable onChange;
    private volatile Snapshot snapshot = Snapshot.build(List.of());

    /** @param onChange called when the offered tools (names, descriptions, schemas) change */
    ToolCatalog(Runnable onChange) {
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** Adds a tool service, or replaces the one with the same service id (properties updated). */
    void put(ToolRegistration registration) {
        Entry entry = Entry.of(registration);
        synchronized (this) {
            entries.put(registration.serviceId(), entry);
            rebuild();
        }
    }

    /** @return the removed registration, or {@code null} when unknown */
    ToolRegistration remove(long serviceId) {
        synchronized (this) {
            Entry removed = entries.remove(serviceId);
            if (removed == null) {
                return null;
            }
            rebuild();
            return removed.registration();
        }
    }

    /** @return the registration with that service id, or {@code null} */
    ToolRegistration get(long serviceId) {
        Entry entry = entries.get(serviceId);
        return entry == null ? null : entry.registration();
    }

    /** @return the current state; immutable */
    Snapshot snapshot() {
        return snapshot;
    }

    private void rebuild() {
        Snapshot previous = snapshot;
        Snapshot next = Snapshot.build(entries.values());
        snapshot = next;
        logChanges(previous, next);
        if (!previous.listing().equals(next.listing())) {
            onChange.run();
        }
    }

    private static void logChanges(Snapshot previous, Snapshot next) {
        Set<String> known = new HashSet<>();
        for (FailedTool failed : previous.failed()) {
            known.add(failed.serviceId() + "/" + failed.reason());
        }
        for (FailedTool failed : next.failed()) {
            if (!known.contains(failed.serviceId() + "/" + failed.reason())) {
                LOG.warn("Tool service {} of bundle {} is not offered: {}", failed.serviceId(), failed.bundle(),
                        failed.message());
            }
        }
        if (LOG.isDebugEnabled()) {
            for (OfferedTool tool : next.tools().values()) {
                OfferedTool before = previous.tool(tool.name());
                if (before == null || before.serviceId() != tool.serviceId()) {
                    LOG.debug("Tool {} offered by service {} of bundle {}", tool.name(), tool.serviceId(), tool.bundle());
                }
            }
        }
    }

    private static ObjectNode defaultSchema() {
        ObjectNode schema = JsonRpc.object();
        schema.put("type", "object");
        schema.putObject("properties");
        schema.put("additionalProperties", false);
        return schema;
    }

    /** A registration as checked: either valid (name, schema) or failed (reason, message). Immutable. */
    private record Entry(ToolRegistration registration, String name, String description, String plugin,
            ObjectNode schema, ObjectNode json, int failureReason, String failureMessage) {

        static Entry of(ToolRegistration registration) {
            Map<String, ?> properties = registration.properties();
            Object rawName = properties.get(McpTool.NAME);
            String name = rawName == null ? null : String.valueOf(rawName);
            String description = stringOrNull(properties.get(McpTool.DESCRIPTION));
            String plugin = stringOrNull(properties.get(McpTool.PLUGIN));
            if (rawName == null) {
                return failed(registration, null, FailedToolDTO.FAILURE_REASON_INVALID_NAME,
                        "The " + McpTool.NAME + " property is missing");
            }
            if (!(rawName instanceof String) || !NAME.matcher(name).matches()) {
                return failed(registration, name, FailedToolDTO.FAILURE_REASON_INVALID_NAME,
                        "The tool name '" + LogText.of(name) + "' does not match " + McpTool.NAME_PATTERN);
            }
            ObjectNode schema;
            ObjectNode annotations;
            ObjectNode outputSchema;
            try {
                schema = jsonObject(properties, McpTool.INPUT_SCHEMA, name, true);
                annotations = jsonObject(properties, McpTool.ANNOTATIONS, name, false);
                outputSchema = jsonObject(properties, McpTool.OUTPUT_SCHEMA, name, true);
            } catch (IllegalArgumentException e) {
                return failed(registration, name, FailedToolDTO.FAILURE_REASON_INVALID_SCHEMA, e.getMessage());
            }
            if (schema == null) {
                schema = DEFAULT_SCHEMA; // absent or blank: the default of McpToolProperties.inputSchema()
            }
            ObjectNode json = JsonRpc.object();
            json.put("name", name);
            String title = stringOrNull(properties.get(McpTool.TITLE));
            if (title != null) {
                json.put("title", title);
            }
            if (description != null) {
                json.put("description", description);
            }
            json.set("inputSchema", schema);
            if (outputSchema != null) {
                json.set("outputSchema", outputSchema);
            }
            if (annotations != null) {
                json.set("annotations", annotations);
            }
            return new Entry(registration, name, description, plugin, schema, json, 0, null);
        }

        /**
         * @return the property parsed as a JSON object, or {@code null} when absent or blank
         * @throws IllegalArgumentException if it is not a JSON object (with {@code "type": "object"} for a schema)
         */
        private static ObjectNode jsonObject(Map<String, ?> properties, String key, String name, boolean schema) {
            Object raw = properties.get(key);
            if (raw == null || raw instanceof String text && text.isBlank()) {
                return null;
            }
            JsonNode parsed = raw instanceof String text ? JsonRpc.parse(text) : null;
            String problem = null;
            if (!(raw instanceof String)) {
                problem = "is not a String";
            } else if (parsed == null) {
                problem = "is not valid JSON";
            } else if (!parsed.isObject()) {
                problem = "is not a JSON object";
            } else if (schema && !"object".equals(parsed.path("type").textValue())) {
                problem = "does not have \"type\": \"object\"";
            }
            if (problem != null) {
                throw new IllegalArgumentException("The " + key + " property of tool " + name + " " + problem);
            }
            return (ObjectNode) parsed;
        }

        private static Entry failed(ToolRegistration registration, String name, int reason, String message) {
            return new Entry(registration, name, null, null, null, null, reason, message);
        }

        /** @return the text, or {@code null} when it is not a string or blank (absent in McpToolProperties) */
        private static String stringOrNull(Object value) {
            return value instanceof String text && !text.isBlank() ? text : null;
        }

        long serviceId() {
            return registration.serviceId();
        }

        FailedTool failure(int reason, String message) {
            return new FailedTool(name, serviceId(), registration.bundleId(), registration.bundle(), reason, message);
        }

        OfferedTool offered() {
            return new OfferedTool(name, description, plugin, schema, json, serviceId(), registration.bundleId(),
                    registration.bundle(), registration.service());
        }
    }

    /**
     * What clients see of a tool; two catalogs with equal listings need no list_changed.
     *
     * @param name the tool name
     * @param json the tool as listed for the newest protocol version; shared, never modified
     */
    record Listing(String name, ObjectNode json) {
    }

    /**
     * An immutable state of the catalog.
     *
     * @param tools the offered tools by name, sorted
     * @param failed the services not offered, by service id
     * @param listing what clients see, in name order
     */
    record Snapshot(Map<String, OfferedTool> tools, List<FailedTool> failed, List<Listing> listing) {

        private static final Comparator<Entry> PRECEDENCE = Comparator
                .comparingInt((Entry e) -> e.registration().ranking()).reversed()
                .thenComparingLong(Entry::serviceId);

        /** @return the offered tool with that name, or {@code null} */
        OfferedTool tool(String name) {
            return tools.get(name);
        }

        static Snapshot build(Collection<Entry> entries) {
            Map<String, List<Entry>> byName = new TreeMap<>();
            List<FailedTool> failed = new ArrayList<>();
            for (Entry entry : entries) {
                if (entry.failureReason() != 0) {
                    failed.add(entry.failure(entry.failureReason(), entry.failureMessage()));
                } else {
                    byName.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
                }
            }
            Map<String, OfferedTool> tools = new LinkedHashMap<>();
            List<Listing> listing = new ArrayList<>();
            for (List<Entry> candidates : byName.values()) {
                candidates.sort(PRECEDENCE);
                Entry winner = candidates.get(0);
                for (Entry loser : candidates.subList(1, candidates.size())) {
                    failed.add(loser.failure(FailedToolDTO.FAILURE_REASON_SHADOWED,
                            "Tool " + winner.name() + " is shadowed by service " + winner.serviceId() + " (ranking "
                                    + winner.registration().ranking() + ")"));
                }
                OfferedTool tool = winner.offered();
                tools.put(tool.name(), tool);
                listing.add(new Listing(tool.name(), tool.json()));
            }
            failed.sort(Comparator.comparingLong(FailedTool::serviceId));
            return new Snapshot(Collections.unmodifiableMap(tools), List.copyOf(failed), List.copyOf(listing));
        }
    }
}
