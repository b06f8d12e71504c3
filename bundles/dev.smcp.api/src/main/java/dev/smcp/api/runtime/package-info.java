/**
 * Runtime introspection: what the server offers, what it rejected and why, and who is connected, as OSGi DTOs.
 */
@Export
@Version("1.2.0")
package dev.smcp.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
