/**
 * The CLI plugin machinery: turns each plugin directory into its own bundle (the {@code smcp-plugin:} URL handler
 * and the directory watcher that installs those bundles) and registers the commands of every such bundle as tool
 * services on its behalf (the extender). Private to the bundle.
 */
package dev.smcp.plugins.internal;
