package dev.smcp.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a small Java plugin bundle at test time, compiled against the distribution's own API and framework jars:
 * a bundle activator registering one {@code McpTool} that answers with a fixed text.
 */
final class LabJavaPlugin {

    private LabJavaPlugin() {
    }

    /**
     * Writes the bundle jar aside and moves it into place.
     *
     * @param jar where the jar goes
     * @param plugin the plugin name (also the last part of the symbolic name)
     * @param version the bundle version
     * @param tool the tool name
     * @param answer what the tool answers
     * @param work a scratch directory
     */
    static void build(Path jar, String plugin, String version, String tool, String answer, Path work)
            throws IOException {
        build(jar, plugin, version, tool, answer, false, work);
    }

    /**
     * As {@link #build(Path, String, String, String, String, Path)}; a noisy plugin also prints a line to
     * {@code System.out} when it starts and on every call, as careless bundles do.
     */
    static void build(Path jar, String plugin, String version, String tool, String answer, boolean noisy, Path work)
            throws IOException {
        String print = noisy ? "System.out.println(\"" + plugin + " was here\"); " : "";
        String pkg = "lab." + plugin;
        Path sources = Files.createDirectories(work.resolve("src/" + pkg.replace('.', '/')));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path source = sources.resolve("Activator.java");
        Files.writeString(source, String.join("\n",
                "package " + pkg + ";",
                "import java.util.Hashtable;",
                "import org.osgi.framework.BundleActivator;",
                "import org.osgi.framework.BundleContext;",
                "import dev.smcp.api.McpTool;",
                "import dev.smcp.api.ToolResult;",
                "public final class Activator implements BundleActivator {",
                "    public void start(BundleContext context) {",
                "        " + print,
                "        Hashtable<String, Object> properties = new Hashtable<>();",
                "        properties.put(McpTool.NAME, \"" + tool + "\");",
                "        properties.put(McpTool.PLUGIN, \"" + plugin + "\");",
                "        properties.put(McpTool.DESCRIPTION, \"answers " + answer + "\");",
                "        McpTool answer = (arguments, call) -> { " + print + "return ToolResult.text(\"" + answer + "\"); };",
                "        context.registerService(McpTool.class, answer, properties);",
                "    }",
                "    public void stop(BundleContext context) {",
                "    }",
                "}",
                ""));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null,
                List.of("--release", "17", "-classpath", classpath(), "-d", classes.toString()), null,
                compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source))
                .call();
        if (!compiled) {
            throw new IOException("the lab Java plugin does not compile: " + errors);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", pkg);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Activator", pkg + ".Activator");
        main.putValue("Import-Package", "dev.smcp.api;version=\"[1.0,2)\",org.osgi.framework");
        Path staging = jar.resolveSibling("." + jar.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(staging);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            String entry = pkg.replace('.', '/') + "/Activator.class";
            jarOut.putNextEntry(new JarEntry(entry));
            jarOut.write(Files.readAllBytes(classes.resolve(entry)));
            jarOut.closeEntry();
        }
        Files.move(staging, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The distribution's API bundle and OSGi framework jars. */
    private static String classpath() throws IOException {
        List<String> jars = new ArrayList<>();
        Path distribution = SmcpServer.distribution();
        for (String[] where : new String[][] {{"bundles", "dev.smcp.api-*.jar"},
                {"lib", "org.apache.felix.framework-*.jar"}}) {
            try (DirectoryStream<Path> found = Files.newDirectoryStream(distribution.resolve(where[0]), where[1])) {
                found.forEach(path -> jars.add(path.toString()));
            }
        }
        if (jars.size() != 2) {
            throw new IOException("API or framework jar missing from " + distribution + ": " + jars);
        }
        return String.join(java.io.File.pathSeparator, jars);
    }
}
