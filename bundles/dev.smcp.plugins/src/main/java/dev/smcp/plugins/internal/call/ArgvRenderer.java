package dev.smcp.plugins.internal.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.ParameterDescriptor;

/**
 * Renders a command call as an argument vector: {@code launcher + [command] + arguments}, the arguments in the
 * order of the (coerced) argument map.
 * <p>
 * The option of an argument is {@code --} plus its name with every {@code _} turned into {@code -}
 * ({@code dry_run} gives {@code --dry-run}), unless the parameter's spec names its {@code flag} exactly (options
 * scraped from {@code --help} do, so an argparse {@code --dry_run} still works). Per value:
 * <ol>
 * <li>{@code null}: nothing.</li>
 * <li>boolean, flag-style (spec {@code action} {@code store_true}/{@code store_false}, else
 * {@code arg_style: flag}, else {@code takes_value: false} unless {@code arg_style: value}): {@code --name} for
 * {@code true}, nothing for {@code false}; otherwise value-style {@code --name=true} / {@code --name=false}.</li>
 * <li>a list for a parameter whose spec declares {@code nargs} ({@code +}, {@code *} or a count; scraped from
 * argparse help): {@code --name item item ...}, as argparse's {@code nargs} needs (the one case where an item
 * is its own element; empty: nothing).</li>
 * <li>an object, a list for a declared {@code object}, or a list holding an object or a list: one argument
 * {@code --name=<compact JSON>} (UTF-8, non-ASCII kept).</li>
 * <li>any other list: the option repeated per item, {@code --name=a --name=b} (argparse {@code append}); an empty
 * list renders nothing.</li>
 * <li>anything else: {@code --name=<value>}; numbers as {@link JsonNumbers} spells them.</li>
 * </ol>
 * Every value travels in the same argv element as its option ({@code --name=value}), so a value starting with
 * {@code -} is never read as an option.
 */
final class ArgvRenderer {

    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** What argparse takes for a negative number rather than an option. */
    private static final Pattern NUMBER = Pattern.compile("-\\d+(\\.\\d*)?([eE][-+]?\\d+)?|-\\.\\d+([eE][-+]?\\d+)?");

    private ArgvRenderer() {
    }

    /**
     * @param launcher the argv prefix that runs the plugin's CLI
     * @param command the command
     * @param arguments the coerced, validated arguments
     * @return the full argument vector
     */
    static List<String> render(List<String> launcher, CommandDescriptor command, Map<String, Object> arguments) {
        Map<String, ParameterDescriptor> byName = byName(command);
        List<String> argv = new ArrayList<>(launcher);
        argv.add(command.name());
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            argv.addAll(renderArgument(argument.getKey(), argument.getValue(), declared(byName, argument.getKey())));
        }
        return argv;
    }

    /** The parameters by name and by alias-insensitive name; the first declaration wins. */
    private static Map<String, ParameterDescriptor> byName(CommandDescriptor command) {
        Map<String, ParameterDescriptor> byName = new HashMap<>();
        for (ParameterDescriptor parameter : command.parameters()) {
            byName.putIfAbsent(parameter.name(), parameter);
            byName.putIfAbsent(ArgumentCoercer.canonical(parameter.name()), parameter);
        }
        return byName;
    }

    /** @return the declaration of an argument, or {@code null} when undeclared */
    private static ParameterDescriptor declared(Map<String, ParameterDescriptor> byName, String name) {
        ParameterDescriptor parameter = byName.get(name);
        return parameter != null ? parameter : byName.get(ArgumentCoercer.canonical(name));
    }

    /**
     * What cannot be rendered safely: an argument name that is no option name (possible for tools whose schema
     * accepts undeclared arguments), and, for a parameter with {@code nargs}, a list item that argparse would read
     * as an option because it travels as its own argv element.
     *
     * @param command the command
     * @param arguments the coerced, validated arguments
     * @return the failures, {@code <field>: <reason>}, empty when all can be rendered
     */
    static List<String> problems(CommandDescriptor command, Map<String, Object> arguments) {
        Map<String, ParameterDescriptor> byName = byName(command);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            String name = argument.getKey();
            ParameterDescriptor parameter = declared(byName, name);
            if (parameter == null && !OPTION_NAME.matcher(name).matches()) {
                problems.add(name + ": is not a valid option name (letters, digits, '_' and '-', starting with a "
                        + "letter or digit)");
                continue;
            }
            if (parameter != null && hasNargs(parameter.spec()) && argument.getValue() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof String item && item.startsWith("-") && !NUMBER.matcher(item).matches()) {
                        problems.add(name + "[" + i + "]: must not start with '-' (this option takes its items as "
                                + "separate arguments, so the plugin would read it as an option)");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * @param name the argument name
     * @param value its value
     * @param parameter its declaration, or {@code null} when undeclared
     * @return the argv elements of this argument, possibly none
     */
    static List<String> renderArgument(String name, Object value, ParameterDescriptor parameter) {
        Map<String, Object> spec = parameter == null ? Map.of() : parameter.spec();
        String type = parameter == null ? null : parameter.type();
        String flag = flag(name, spec);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Boolean b) {
            if (isFlagStyle(spec)) {
                if (b) {
                    out.add(flag);
                }
            } else {
                out.add(flag + "=" + b);
            }
            return out;
        }
        if (value instanceof List<?> list && hasNargs(spec)) {
            if (!list.isEmpty()) {
                out.add(flag);
                for (Object item : list) {
                    out.add(scalarOrJson(item, itemIsInteger(spec)));
                }
            }
            return out;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?> && "object".equals(type)) {
            out.add(flag + "=" + Json.compact(value));
            return out;
        }
        if (value instanceof List<?> list) {
            if (list.stream().anyMatch(item -> item instanceof Map<?, ?> || item instanceof List<?>)) {
                out.add(flag + "=" + Json.compact(list));
            } else {
                boolean integers = itemIsInteger(spec);
                for (Object item : list) {
                    out.add(flag + "=" + scalar(item, integers));
                }
            }
            return out;
        }
        out.add(flag + "=" + scalar(value, "integer".equals(type)));
        return out;
    }

    /**
     * Upstream's precedence: {@code action} (trimmed, case-insensitive) {@code store_true}/{@code store_false},
     * else {@code arg_style == "flag"}, else {@code takes_value == false} unless {@code arg_style == "value"}.
     */
    static boolean isFlagStyle(Map<String, Object> spec) {
        if (spec.get("action") instanceof String action) {
            String a = action.strip().toLowerCase(Locale.ROOT);
            if (a.equals("store_true") || a.equals("store_false")) {
                return true;
            }
        }
        Object style = spec.get("arg_style");
        String argStyle = style instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : null;
        if ("flag".equals(argStyle)) {
            return true;
        }
        return Boolean.FALSE.equals(spec.get("takes_value")) && !"value".equals(argStyle);
    }

    private static String flag(String name, Map<String, Object> spec) {
        if (spec.get("flag") instanceof String flag && flag.startsWith("--") && flag.length() > 2
                && flag.chars().noneMatch(c -> c == '=' || Character.isWhitespace(c))) {
            return flag;
        }
        return "--" + name.replace('_', '-');
    }

    private static boolean hasNargs(Map<String, Object> spec) {
        Object nargs = spec.get("nargs");
        if (nargs instanceof String s) {
            return s.equals("+") || s.equals("*") || s.matches("[1-9][0-9]*");
        }
        return nargs instanceof Number n && n.longValue() > 0;
    }

    private static boolean itemIsInteger(Map<String, Object> spec) {
        return spec.get("items") instanceof Map<?, ?> items && "integer".equals(items.get("type"));
    }

    private static String scalarOrJson(Object item, boolean integer) {
        return item instanceof Map<?, ?> || item instanceof List<?> ? Json.compact(item) : scalar(item, integer);
    }

    /** A scalar's argv spelling: strings as they are, numbers per {@link JsonNumbers}, {@code true}/{@code null}. */
    static String scalar(Object value, boolean integer) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return JsonNumbers.render(n, integer);
        }
        return String.valueOf(value);
    }
}
