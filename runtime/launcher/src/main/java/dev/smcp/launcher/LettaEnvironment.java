package dev.smcp.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fetches the environment variables and secrets of Letta agents at start, for plugin processes (upstream section 6,
 * without upstream's flaw of writing them into the server's own environment): with {@code LETTA_SERVER_URL} and
 * {@code LETTA_SERVER_PASSWORD} or {@code LETTA_API_KEY} (from the environment, else from {@code ~/.letta/.env}),
 * {@code GET /v1/agents/{LETTA_AGENT_ID}?include=agent.secrets} or, without an agent id,
 * {@code GET /v1/agents?limit=100&include=agent.secrets}. Each agent's {@code tool_exec_environment_variables} and
 * then {@code secrets} ({@code [{key, value}]}) are merged, later entries winning. Every failure is a warning without
 * secret values, never fatal.
 */
final class LettaEnvironment {

    static final String DEFAULT_URL = "http://127.0.0.1:8284";
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> CREDENTIALS = List.of("LETTA_SERVER_URL", "LETTA_SERVER_PASSWORD",
            "LETTA_API_KEY", "LETTA_AGENT_ID");

    private final PrintStream log;
    private final Duration timeout;

    LettaEnvironment(PrintStream log, Duration timeout) {
        this.log = log;
        this.timeout = timeout;
    }

    /**
     * @param env the server's environment
     * @param home the user's home directory ({@code ~/.letta/.env} is read from it), or {@code null}
     * @return the variables for plugins, in order; empty when Letta is not configured or cannot be reached
     */
    Map<String, String> load(Map<String, String> env, Path home) {
        Map<String, String> settings = credentials(env, home);
        String base = settings.get("LETTA_SERVER_URL");
        String token = settings.getOrDefault("LETTA_SERVER_PASSWORD", settings.get("LETTA_API_KEY"));
        if (token == null) {
            return Map.of();
        }
        if (base == null) {
            base = DEFAULT_URL;
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String agent = settings.get("LETTA_AGENT_ID");
        String url = agent == null ? base + "/v1/agents?limit=100&include=agent.secrets"
                : base + "/v1/agents/" + URLEncoder.encode(agent, StandardCharsets.UTF_8) + "?include=agent.secrets";
        String where = agent == null ? base + "/v1/agents" : base + "/v1/agents/" + agent;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                warn("Letta server answered HTTP " + response.statusCode() + " for " + where);
                return Map.of();
            }
            Map<String, String> merged = merge(MiniJson.parse(response.body()), agent != null);
            log.println("smcp: loaded " + merged.size() + " plugin environment variable(s) from Letta: "
                    + new TreeSet<>(merged.keySet()));
            return merged;
        } catch (IllegalArgumentException e) {
            warn("Letta server sent an unusable answer for " + where + ": " + e.getMessage());
        } catch (IOException e) {
            warn("cannot reach the Letta server at " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warn("interrupted while asking the Letta server at " + base);
        }
        return Map.of();
    }

    private void warn(String message) {
        log.println("smcp: warning: " + Redaction.redact(message) + "; plugins get no Letta variables");
    }

    /** The Letta settings from the environment, completed from {@code ~/.letta/.env} only where missing. */
    static Map<String, String> credentials(Map<String, String> env, Path home) {
        Map<String, String> settings = new HashMap<>();
        for (String name : CREDENTIALS) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                settings.put(name, value.trim());
            }
        }
        boolean complete = settings.containsKey("LETTA_SERVER_URL")
                && (settings.containsKey("LETTA_SERVER_PASSWORD") || settings.containsKey("LETTA_API_KEY"));
        Path dotenv = home == null ? null : home.resolve(".letta").resolve(".env");
        if (!complete && dotenv != null && Files.isRegularFile(dotenv)) {
            try {
                for (String line : Files.readAllLines(dotenv, StandardCharsets.UTF_8)) {
                    String entry = line.strip();
                    if (entry.startsWith("export ")) {
                        entry = entry.substring("export ".length()).strip();
                    }
                    int eq = entry.indexOf('=');
                    if (entry.startsWith("#") || eq <= 0) {
                        continue;
                    }
                    String name = entry.substring(0, eq).strip();
                    String value = unquote(entry.substring(eq + 1).strip());
                    if (CREDENTIALS.contains(name) && !value.isEmpty()) {
                        settings.putIfAbsent(name, value);
                    }
                }
            } catch (IOException e) {
                // unreadable: as if absent; the warning below names what is missing if it matters
            }
        }
        return settings;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Upstream's merge: agents in order, variables then secrets, keys trimmed and non-empty, null values empty. */
    static Map<String, String> merge(Object body, boolean single) {
        List<Object> agents = new ArrayList<>();
        if (single) {
            if (!(body instanceof Map<?, ?> agent) || agent.get("id") == null) {
                throw new IllegalArgumentException("expected an agent object with an id");
            }
            agents.add(body);
        } else if (body instanceof List<?> list) {
            agents.addAll(list);
        } else {
            throw new IllegalArgumentException("expected a list of agents");
        }
        Map<String, String> merged = new LinkedHashMap<>();
        for (Object agent : agents) {
            if (!(agent instanceof Map<?, ?> fields)) {
                continue;
            }
            for (String field : List.of("tool_exec_environment_variables", "secrets")) {
                if (!(fields.get(field) instanceof List<?> entries)) {
                    continue;
                }
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> pair && pair.get("key") instanceof String key
                            && !key.isBlank()) {
                        Object value = pair.get("value");
                        merged.put(key.trim(), value == null ? "" : value.toString());
                    }
                }
            }
        }
        return merged;
    }
}
