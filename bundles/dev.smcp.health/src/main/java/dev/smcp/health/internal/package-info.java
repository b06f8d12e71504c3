/**
 * The health report, offered as the {@code health} tool and as {@code GET /health}. Private to the bundle.
 */
package dev.smcp.health.internal;
