package dev.smcp.shell.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.smcp.api.runtime.McpServerRuntime;
import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.PluginRuntime;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.session.McpSessionManager;

/**
 * The Gogo commands of scope {@code smcp}. Each returns its text (Gogo prints it), so that the commands can be
 * tested without a shell. The SMCP services are optional: a command whose service is missing (its bundle stopped)
 * fails with a one-line message naming the bundle, and the others keep working.
 */
@Component(service = Object.class)
@GogoCommand(scope = "smcp", function = { "plugins", "plugin", "tools", "call", "rescan", "sessions" })
public final class SmcpCommands {

    // optional and dynamic, hence fields: the commands stay registered while the SMCP bundles come and go
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PluginRuntime pluginRuntime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile McpServerRuntime serverRuntime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile McpSessionManager sessionManager;

    private final ConsoleFormat format;
    private final ToolCaller caller;

    /** @param context the context of this bundle, for its version (the console's {@code clientInfo.version}) */
    @Activate
    public SmcpCommands(BundleContext context) {
        this(mavenVersion(context.getBundle().getVersion()), ZoneId.systemDefault());
    }

    /** For tests: the services are set in the fields. */
    SmcpCommands(String version, ZoneId zone) {
        this.format = new ConsoleFormat(zone);
        this.caller = new ToolCaller(version);
    }

    /** Ends the calls in progress: their sessions are closed, which cancels them. */
    @Deactivate
    void deactivate() {
        caller.closeAll();
    }

    @Descriptor("List the plugins: name, kind, state, bundle id, tool count, how the commands were found, last error")
    public String plugins() {
        return format.plugins(plugins(pluginRuntime).getPlugins());
    }

    @Descriptor("Show one plugin in full: directory, executable, tools, warnings, error")
    public String plugin(@Descriptor("the plugin name, as smcp:plugins lists it") String name) {
        PluginDTO[] matches = Arrays.stream(plugins(pluginRuntime).getPlugins())
                .filter(p -> Objects.equals(p.name, name)).toArray(PluginDTO[]::new);
        if (matches.length == 0) {
            throw new IllegalArgumentException("No plugin named " + Text.oneLine(name, 100)
                    + " (smcp:plugins lists the plugins)");
        }
        return String.join("\n\n", Arrays.stream(matches).map(format::plugin).toList());
    }

    @Descriptor("List the tools offered to clients, then the tool services that are not offered, with the reason")
    public String tools() {
        return format.tools(server(serverRuntime).getServerDTO());
    }

    @Descriptor("Call a tool through an MCP session of its own, like a client, and show the result")
    public String call(
            @Descriptor("seconds to wait for the answer before cancelling the call (default: no limit)")
            @Parameter(names = { "-t", "--timeout" }, absentValue = "0") double timeoutSeconds,
            @Descriptor("the tool name, as smcp:tools lists it") String tool,
            @Descriptor("the arguments: one JSON object in single quotes ('{\"a\": 1, \"b\": 2}'), or key=value pairs "
                    + "(a value that is valid JSON is taken as JSON, anything else as a string: a=1 op=add)")
            String... arguments) {
        List<String> words = arguments == null ? List.of() : Arrays.asList(arguments);
        var parsed = CallArguments.parse(words);
        McpServerRuntime runtime = server(serverRuntime);
        McpSessionManager manager = sessionManager;
        if (manager == null) {
            throw serverMissing();
        }
        ServerDTO server = runtime.getServerDTO();
        if (server.protocolVersions == null || server.protocolVersions.length == 0) {
            throw new IllegalStateException("The MCP server reports no protocol versions");
        }
        Duration timeout = timeoutSeconds > 0 ? Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)))
                : null;
        return format.call(tool, caller.call(manager, server.protocolVersions[0], tool, parsed, timeout));
    }

    @Descriptor("Scan the plugins directory now, probing every plugin again, and show what the scan did")
    public String rescan() {
        return format.scan(plugins(pluginRuntime).rescan());
    }

    @Descriptor("List the open MCP sessions: id, transport, protocol version, client, when opened, requests in flight")
    public String sessions() {
        return format.sessions(server(serverRuntime).getServerDTO().sessions);
    }

    private static PluginRuntime plugins(PluginRuntime runtime) {
        if (runtime == null) {
            throw new IllegalStateException(
                    "The plugins are not available: no PluginRuntime service (is bundle dev.smcp.plugins active?)");
        }
        return runtime;
    }

    private static McpServerRuntime server(McpServerRuntime runtime) {
        if (runtime == null) {
            throw serverMissing();
        }
        return runtime;
    }

    private static IllegalStateException serverMissing() {
        return new IllegalStateException(
                "The MCP server is not available: no MCP server service (is bundle dev.smcp.protocol active?)");
    }

    /** @return {@code 1.2.3} or {@code 1.2.3-QUALIFIER}, the way Maven writes versions */
    static String mavenVersion(Version version) {
        String base = version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
        return version.getQualifier().isEmpty() ? base : base + "-" + version.getQualifier();
    }
}
