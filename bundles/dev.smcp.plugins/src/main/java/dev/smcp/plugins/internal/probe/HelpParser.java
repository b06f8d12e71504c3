package dev.smcp.plugins.internal.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smcp.plugins.internal.model.ParameterDescriptor;

/**
 * Parses {@code --help} output: upstream's "Available commands:" epilog, argparse sub-command choices, and
 * argparse option help of one sub-command. Pure text functions.
 */
final class HelpParser {

    /** A command named by help text. */
    record CommandEntry(String name, String description) {
    }

    /**
     * What the help of one sub-command says.
     *
     * @param description the sub-command's description paragraph(s), or {@code null}
     * @param parameters its options as parameters
     * @param requiredPositionals positional arguments that must be given (they cannot be passed as options)
     * @param optionalPositionals positional arguments that may be left out
     * @param notes options that were left out, and why
     */
    record CommandHelp(String description, List<ParameterDescriptor> parameters, List<String> requiredPositionals,
            List<String> optionalPositionals, List<String> notes) {
    }

    /** Spec member {@code source} of a parameter scraped from help: its value type is not known. */
    static final String SOURCE_HELP = "help";

    /** Words upstream never takes as a command name. */
    private static final Set<String> NOT_COMMANDS = Set.of("usage:", "options:", "Available", "Examples:");

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern GAP = Pattern.compile("\\s{2,}");
    private static final Pattern CHOICES = Pattern.compile("^\\{([^{}]*)\\}$");
    private static final Pattern LISTED_COMMAND = Pattern.compile("^(\\S+)(?: \\(([^()]*)\\))?$");
    private static final Pattern DEFAULT = Pattern.compile("\\(default: (.*)\\)\\s*$");

    private HelpParser() {
    }

    /** Help text with terminal colour codes removed and line ends normalised. */
    static String clean(String help) {
        return ANSI.matcher(help).replaceAll("").replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * Upstream's {@code parse_commands_from_help}: a line starting with {@code Available commands:} opens the
     * section; a blank line or one starting with {@code Examples} closes it; inside, a line indented by two
     * spaces names a command by its first word. Unlike upstream the rest of that line is kept as description.
     */
    static List<CommandEntry> epilogCommands(String help) {
        List<CommandEntry> commands = new ArrayList<>();
        boolean inSection = false;
        for (String line : clean(help).split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("Available commands:")) {
                inSection = true;
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (stripped.isEmpty() || stripped.startsWith("Examples")) {
                inSection = false;
                continue;
            }
            if (line.startsWith("  ")) {
                String[] parts = stripped.split("\\s+", 2);
                if (!NOT_COMMANDS.contains(parts[0])) {
                    commands.add(new CommandEntry(parts[0], parts.length > 1 ? parts[1].strip() : null));
                }
            }
        }
        return commands;
    }

    /**
     * @return the argparse sub-command names: the choices of the {@code {a,b,c} ...} group in the usage (aliases
     *         listed as {@code name (alias)} removed), each with its help line from the listing when there is one
     */
    static List<CommandEntry> subparserCommands(String help) {
        String[] lines = clean(help).split("\n", -1);
        List<String> choices = subparserChoices(lines);
        if (choices.isEmpty()) {
            return List.of();
        }
        Map<String, String> descriptions = new LinkedHashMap<>();
        Set<String> aliases = new LinkedHashSet<>();
        readListing(lines, choices, descriptions, aliases);
        List<CommandEntry> commands = new ArrayList<>();
        for (String choice : choices) {
            if (!aliases.contains(choice)) {
                commands.add(new CommandEntry(choice, descriptions.get(choice)));
            }
        }
        return commands;
    }

    /** @return the argparse sub-command choices in the usage, or an empty list */
    static List<String> subparserChoices(String help) {
        return subparserChoices(clean(help).split("\n", -1));
    }

    private static List<String> subparserChoices(String[] lines) {
        List<Word> words = words(usage(lines));
        for (int i = 0; i + 1 < words.size(); i++) {
            Word word = words.get(i);
            Matcher m = CHOICES.matcher(word.text());
            if (word.depth() == 0 && m.matches() && words.get(i + 1).text().equals("...")
                    && words.get(i + 1).depth() == 0) {
                List<String> choices = new ArrayList<>();
                for (String choice : m.group(1).split(",")) {
                    if (!choice.isBlank()) {
                        choices.add(choice.strip());
                    }
                }
                return choices;
            }
        }
        return List.of();
    }

    /** Reads the indented listing under the {@code {a,b}} line: {@code name (alias)   help}. */
    private static void readListing(String[] lines, List<String> choices, Map<String, String> descriptions,
            Set<String> aliases) {
        String header = "{" + String.join(",", choices) + "}";
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().startsWith(header) || lines[i].strip().startsWith("usage:")) {
                continue;
            }
            int indent = indent(lines[i]);
            String current = null;
            for (int j = i + 1; j < lines.length && !lines[j].isBlank() && indent(lines[j]) > indent; j++) {
                String[] parts = GAP.split(lines[j].strip(), 2);
                Matcher m = LISTED_COMMAND.matcher(parts[0]);
                if (m.matches() && choices.contains(m.group(1)) && indent(lines[j]) <= indent + 4) {
                    current = m.group(1);
                    if (m.group(2) != null) {
                        for (String alias : m.group(2).split(",")) {
                            aliases.add(alias.strip());
                        }
                    }
                    descriptions.put(current, parts.length > 1 ? parts[1].strip() : null);
                } else if (current != null) {
                    String previous = descriptions.get(current);
                    descriptions.put(current, previous == null ? lines[j].strip() : previous + " " + lines[j].strip());
                }
            }
            return;
        }
    }

    /**
     * Parses the argparse help of one sub-command ({@code cli <command> --help}).
     *
     * @param help the help text
     * @param command the sub-command name (to find where its arguments start in the usage line)
     * @return what the help declares
     */
    static CommandHelp parseCommandHelp(String help, String command) {
        String[] lines = clean(help).split("\n", -1);
        List<Word> usage = usageArguments(words(usage(lines)), command);
        int start = 0;
        while (start < lines.length && !lines[start].strip().startsWith("usage:")) {
            start++;
        }
        // skip the usage block
        while (start < lines.length && !lines[start].isBlank()) {
            start++;
        }
        List<String> description = new ArrayList<>();
        List<Entry> options = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        boolean seenSection = false;
        String section = "";
        Entry current = null;
        for (int i = start; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                current = null;
                continue;
            }
            int indent = indent(line);
            if (indent == 0) {
                current = null;
                if (line.strip().endsWith(":") && nextIsIndented(lines, i)) {
                    seenSection = true;
                    section = line.strip().toLowerCase(java.util.Locale.ROOT);
                } else if (!seenSection) {
                    description.add(line.strip());
                }
                continue;
            }
            if (!seenSection) {
                description.add(line.strip());
                continue;
            }
            if (indent == 2) {
                String[] parts = GAP.split(line.strip(), 2);
                current = null;
                if (parts[0].startsWith("-")) {
                    current = new Entry(parts[0], parts.length > 1 ? parts[1].strip() : "");
                    options.add(current);
                } else if (section.startsWith("positional arguments")) {
                    positionals.add(parts[0]);
                }
                continue;
            }
            if (current != null) {
                current.help = current.help.isEmpty() ? line.strip() : current.help + " " + line.strip();
            }
        }

        List<ParameterDescriptor> parameters = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Entry option : options) {
            ParameterDescriptor parameter = option(option, usage, notes);
            if (parameter != null) {
                parameters.add(parameter);
            }
        }
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        for (String positional : positionals) {
            boolean atTop = usage.stream().anyMatch(w -> w.depth() == 0 && w.text().equals(positional));
            (atTop ? required : optional).add(positional);
        }
        return new CommandHelp(description.isEmpty() ? null : String.join(" ", description), parameters, required,
                optional, notes);
    }

    private static ParameterDescriptor option(Entry entry, List<Word> usage, List<String> notes) {
        List<String> flags = new ArrayList<>();
        String metavar = "";
        for (String part : entry.invocation.split(", ")) {
            int space = part.indexOf(' ');
            flags.add(space < 0 ? part : part.substring(0, space));
            if (space >= 0) {
                metavar = part.substring(space + 1).strip();
            }
        }
        if (flags.contains("-h") || flags.contains("--help")) {
            return null;
        }
        String flag = flags.stream().filter(f -> f.startsWith("--") && f.length() > 2).findFirst().orElse(null);
        if (flag == null) {
            notes.add("option '" + String.join(", ", flags) + "' skipped: it has no long form (--name)");
            return null;
        }
        String name = flag.substring(2);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("source", SOURCE_HELP);
        spec.put("flag", flag);
        String type = "string";
        Matcher m;
        if (metavar.isEmpty()) {
            type = "boolean";
            spec.put("action", "store_true");
        } else if ((m = Pattern.compile("^\\[?\\{([^{}]*)\\}\\]?$").matcher(metavar)).matches()) {
            spec.put("choices", List.of(m.group(1).split(",")));
        } else if ((m = Pattern.compile("^(\\S+) \\[\\1 \\.\\.\\.\\]$").matcher(metavar)).matches()) {
            type = "array";
            spec.put("nargs", "+");
            itemChoices(m.group(1), spec);
        } else if ((m = Pattern.compile("^\\[(\\S+)(?: \\.\\.\\.| \\[\\1 \\.\\.\\.\\])\\]$").matcher(metavar))
                .matches()) {
            type = "array";
            spec.put("nargs", "*");
            itemChoices(m.group(1), spec);
        } else if (!metavar.contains("[") && metavar.contains(" ")) {
            String[] parts = metavar.split(" ");
            type = "array";
            spec.put("nargs", String.valueOf(parts.length));
            itemChoices(parts[0], spec);
        }
        if (!metavar.isEmpty()) {
            spec.put("metavar", metavar);
        }
        spec.put("type", type);
        boolean required = usage.stream().anyMatch(w -> w.depth() == 0 && flags.contains(w.text()));
        spec.put("required", required);
        String description = entry.help.isEmpty() ? null : entry.help;
        Object defaultValue = null;
        if (description != null && (m = DEFAULT.matcher(description)).find()) {
            // ArgumentDefaultsHelpFormatter's "(default: x)" goes into the schema, not the description
            if ("string".equals(type) && !m.group(1).equals("None")) {
                defaultValue = m.group(1);
                spec.put("default", defaultValue);
            }
            description = description.substring(0, m.start()).strip();
            if (description.isEmpty()) {
                description = null;
            }
        }
        if (description != null) {
            spec.put("description", description);
        }
        return new ParameterDescriptor(name, type, description, required, defaultValue, spec);
    }

    private static void itemChoices(String metavar, Map<String, Object> spec) {
        Matcher m = CHOICES.matcher(metavar);
        if (m.matches()) {
            spec.put("choices", List.of(m.group(1).split(",")));
        }
    }

    private static boolean nextIsIndented(String[] lines, int i) {
        for (int j = i + 1; j < lines.length; j++) {
            if (!lines[j].isBlank()) {
                return indent(lines[j]) > 0;
            }
        }
        return false;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The usage block (from {@code usage:} to the first blank line) as one line, without {@code usage:}. */
    private static String usage(String[] lines) {
        StringBuilder usage = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            if (!in && line.strip().startsWith("usage:")) {
                in = true;
                usage.append(line.strip().substring("usage:".length()));
                continue;
            }
            if (in) {
                if (line.isBlank()) {
                    break;
                }
                usage.append(' ').append(line.strip());
            }
        }
        return usage.toString();
    }

    /** The usage words after the program and sub-command names. */
    private static List<Word> usageArguments(List<Word> words, String command) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).depth() == 0 && words.get(i).text().equals(command)) {
                return words.subList(i + 1, words.size());
            }
        }
        return words.isEmpty() ? words : words.subList(1, words.size());
    }

    /** A usage word and how deep inside {@code []}/{@code ()} it stands. */
    record Word(String text, int depth) {
    }

    static List<Word> words(String usage) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        int wordDepth = 0;
        for (int i = 0; i < usage.length(); i++) {
            char c = usage.charAt(i);
            boolean open = c == '[' || c == '(';
            boolean close = c == ']' || c == ')';
            if (open || close || c == '|' || Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(new Word(word.toString(), wordDepth));
                    word.setLength(0);
                }
                depth += open ? 1 : close ? -1 : 0;
                continue;
            }
            if (word.length() == 0) {
                wordDepth = depth;
            }
            word.append(c);
        }
        if (word.length() > 0) {
            words.add(new Word(word.toString(), wordDepth));
        }
        return words;
    }

    /** An option line of the help: its invocation and help text. */
    private static final class Entry {
        final String invocation;
        String help;

        Entry(String invocation, String help) {
            this.invocation = invocation;
            this.help = help;
        }
    }
}
