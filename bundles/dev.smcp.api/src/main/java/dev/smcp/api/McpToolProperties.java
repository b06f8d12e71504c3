package dev.smcp.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The {@code mcp.tool.*} service properties of an {@link McpTool}, as a Declarative Services component property
 * type. Put it on a component that provides {@link McpTool}:
 *
 * <pre>
 * &#64;Component(service = McpTool.class)
 * &#64;McpToolProperties(name = "clock__now", plugin = "clock", description = "The current time",
 *         inputSchema = """
 *                 {"type": "object", "properties": {"zone": {"type": "string"}}}""")
 * public class NowTool implements McpTool { ... }
 * </pre>
 *
 * The properties are written into the component description at build time (by bnd), so the tool is described in
 * the service registry before its component is activated. An empty {@link #description()}, {@link #inputSchema()}
 * or {@link #plugin()} is still registered, as an empty string, and the server reads it as absent: no description,
 * no arguments, no plugin.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface McpToolProperties {

    /** Makes the element names map to {@link McpTool#PREFIX}{@code <element>}. */
    String PREFIX_ = McpTool.PREFIX;

    /** @return the tool name ({@link McpTool#NAME}); must match {@link McpTool#NAME_PATTERN} */
    String name();

    /** @return the description ({@link McpTool#DESCRIPTION}); empty for none */
    String description() default "";

    /**
     * @return the JSON text of the input schema ({@link McpTool#INPUT_SCHEMA}), a JSON Schema object with
     *         {@code "type": "object"}; empty for a tool without arguments
     */
    String inputSchema() default "";

    /** @return the plugin contributing the tool ({@link McpTool#PLUGIN}); empty for none */
    String plugin() default "";

    /** @return a display name ({@link McpTool#TITLE}); empty for none */
    String title() default "";

    /** @return the JSON text of the tool annotations ({@link McpTool#ANNOTATIONS}); empty for none */
    String annotations() default "";

    /**
     * @return the JSON text of the output schema ({@link McpTool#OUTPUT_SCHEMA}); empty for none; when given, the
     *         tool must return structured content conforming to it
     */
    String outputSchema() default "";
}
