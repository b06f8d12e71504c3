package dev.smcp.plugins.internal;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A connection to {@code smcp-plugin:<directory>}: connecting probes the plugin directory, and the content is the
 * generated plugin bundle jar.
 */
final class PluginBundleConnection extends URLConnection {

    /** The content type of the generated bundle. */
    static final String CONTENT_TYPE = "application/java-archive";

    private final PluginBundleFactory factory;
    private final Path directory;
    private byte[] jar;

    PluginBundleConnection(URL url, PluginBundleFactory factory, Path directory) {
        super(url);
        this.factory = factory;
        this.directory = directory;
    }

    @Override
    public synchronized void connect() throws IOException {
        if (connected) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new FileNotFoundException("no plugin directory " + directory);
        }
        byte[] content = factory.create(directory).toJar();
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while probing plugin " + directory);
        }
        jar = content;
        connected = true;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        connect();
        return new ByteArrayInputStream(jar);
    }

    @Override
    public String getContentType() {
        return CONTENT_TYPE;
    }

    @Override
    public synchronized long getContentLengthLong() {
        return jar == null ? -1 : jar.length;
    }

    @Override
    public int getContentLength() {
        long length = getContentLengthLong();
        return length > Integer.MAX_VALUE ? -1 : (int) length;
    }
}
