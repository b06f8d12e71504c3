package dev.smcp.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The bundles of the distribution, in the order they must start.
 * <p>
 * slf4j 2 binds its provider once, at first use, through the ServiceLoader Mediator (Aries SPI Fly): ASM and SPI Fly
 * must be active before slf4j, and slf4j before anything that logs. Infrastructure (ConfigAdmin, SCR, HTTP) comes next;
 * SMCP's own bundles start last, after the launcher has put their configuration in place.
 */
final class RuntimeBundles {

    /** A bundle jar and its symbolic name. */
    record BundleJar(Path path, String symbolicName, boolean fragment) {
    }

    private static final List<String> START_ORDER = List.of(
            "org.objectweb.asm", "org.apache.aries.spifly", "slf4j.api", "slf4j.simple", "org.apache.felix.log",
            "org.apache.felix.configadmin", "org.apache.felix.metatype", "org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component", "org.apache.felix.scr");

    private RuntimeBundles() {
    }

    /**
     * @param directory a directory of bundle jars
     * @return the bundles, infrastructure first in start order, SMCP's own ({@code dev.smcp.*}) last
     * @throws IOException when the directory or a jar cannot be read
     */
    static List<BundleJar> list(Path directory) throws IOException {
        List<BundleJar> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile jar = new JarFile(file.toFile())) {
                    var attributes = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
                    String bsn = attributes == null ? null : attributes.getValue("Bundle-SymbolicName");
                    if (bsn == null) {
                        throw new IOException("not a bundle: " + file);
                    }
                    bundles.add(new BundleJar(file, bsn.split(";", 2)[0].trim(),
                            attributes.getValue("Fragment-Host") != null));
                }
            }
        }
        bundles.sort(Comparator.comparingInt(RuntimeBundles::rank).thenComparing(BundleJar::symbolicName));
        return bundles;
    }

    /** @return whether the bundle is one of SMCP's own, started after configuration */
    static boolean isOwn(BundleJar bundle) {
        return bundle.symbolicName().startsWith("dev.smcp.");
    }

    private static int rank(BundleJar bundle) {
        if (isOwn(bundle)) {
            return START_ORDER.size() + 1;
        }
        for (int i = 0; i < START_ORDER.size(); i++) {
            if (bundle.symbolicName().startsWith(START_ORDER.get(i))) {
                return i;
            }
        }
        return START_ORDER.size();
    }
}
