package dev.smcp.plugins.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smcp.plugins.internal.model.ParameterDescriptor;
import dev.smcp.plugins.internal.probe.HelpParser.CommandEntry;
import dev.smcp.plugins.internal.probe.HelpParser.CommandHelp;

class HelpParserTest {

    static final String BOTFATHER = """
            usage: cli.py [-h] {click-button,send-message} ...

            BotFather CLI

            positional arguments:
              {click-button,send-message}
                                    Available commands
                click-button        Click a button
                send-message        Send a message

            options:
              -h, --help            show this help message and exit

            Available commands:
              click-button    Click a button in a BotFather message
              send-message    Send a message to BotFather

            Examples:
              python cli.py click-button --button-text "Payments" --msg-id 12345678
            """;

    static final String PLAIN = """
            usage: cli.py [-h] {send,checkout,co,list,status} ...

            plain argparse plugin

            positional arguments:
              {send,checkout,co,list,status}
                send                Send a message
                checkout (co)       Check out
                list                List things

            options:
              -h, --help            show this help message and exit
            """;

    static final String SEND = """
            usage: cli.py send [-h] --message MESSAGE [--count COUNT] [--mode {fast,slow}] [--dry-run] [--tags TAGS [TAGS ...]] [--opt [OPT ...]] [--maybe [MAYBE]] [-v] [--point POINT POINT] [--level {a,b} [{a,b} ...]]

            Send a message to someone.

            options:
              -h, --help            show this help message and exit
              --message MESSAGE, -m MESSAGE
                                    text to send
              --count COUNT         how many (default: 1)
              --mode {fast,slow}    speed
              --dry-run             do not send
              --tags TAGS [TAGS ...]
                                    tags
              --opt [OPT ...]       opts
              --maybe [MAYBE]       maybe
              -v                    verbose
              --point POINT POINT   x y
              --level {a,b} [{a,b} ...]
                                    levels
            """;

    @Test
    void epilogCommandsAsUpstreamPlusDescriptions() {
        assertEquals(List.of(new CommandEntry("click-button", "Click a button in a BotFather message"),
                new CommandEntry("send-message", "Send a message to BotFather")), HelpParser.epilogCommands(BOTFATHER));
    }

    @Test
    void epilogSectionRules() {
        assertEquals(List.of(), HelpParser.epilogCommands(PLAIN));
        assertEquals(List.of(), HelpParser.epilogCommands("Available commands:\n\n  a  x\n"));
        String help = """
                Available commands: ignored rest
                  usage: x
                  options: y
                  Available z
                not indented does not close
                  one  first
                Examples
                  two
                Available commands:
                  three
                """;
        assertEquals(List.of("one", "three"), HelpParser.epilogCommands(help).stream().map(CommandEntry::name).toList());
    }

    @Test
    void subparserChoicesWithListingDescriptionsAndAliasesRemoved() {
        assertEquals(List.of(new CommandEntry("send", "Send a message"), new CommandEntry("checkout", "Check out"),
                new CommandEntry("list", "List things"), new CommandEntry("status", null)),
                HelpParser.subparserCommands(PLAIN));
        assertEquals(List.of("send", "checkout", "co", "list", "status"), HelpParser.subparserChoices(PLAIN));
        assertEquals(List.of("click-button", "send-message"), HelpParser.subparserChoices(BOTFATHER));
    }

    @Test
    void positionalChoicesAreNotSubcommands() {
        assertEquals(List.of(), HelpParser.subparserChoices("usage: cli.py [-h] {a,b} [{a,b} ...]\n"));
        assertEquals(List.of(), HelpParser.subparserChoices("usage: cli.py [-h] [{a,b} ...]\n"));
        assertEquals(List.of("x", "y"), HelpParser.subparserChoices("usage: cli.py [-h]\n       {x,y} ...\n"));
    }

    @Test
    void optionHelpBecomesParameters() {
        CommandHelp help = HelpParser.parseCommandHelp(SEND, "send");
        assertEquals("Send a message to someone.", help.description());
        Map<String, ParameterDescriptor> p = new java.util.LinkedHashMap<>();
        help.parameters().forEach(d -> p.put(d.name(), d));
        assertEquals(List.of("message", "count", "mode", "dry-run", "tags", "opt", "maybe", "point", "level"),
                List.copyOf(p.keySet()));
        assertEquals("string", p.get("message").type());
        assertEquals(true, p.get("message").required());
        assertEquals("text to send", p.get("message").description());
        assertEquals("--message", p.get("message").spec().get("flag"));
        assertEquals("1", p.get("count").defaultValue());
        assertEquals("how many", p.get("count").description(), "the default is not repeated in the description");
        assertEquals(false, p.get("count").required());
        assertEquals(List.of("fast", "slow"), p.get("mode").spec().get("choices"));
        assertEquals("boolean", p.get("dry-run").type());
        assertEquals("store_true", p.get("dry-run").spec().get("action"));
        assertEquals("array", p.get("tags").type());
        assertEquals("+", p.get("tags").spec().get("nargs"));
        assertEquals("*", p.get("opt").spec().get("nargs"));
        assertEquals("string", p.get("maybe").type());
        assertEquals("2", p.get("point").spec().get("nargs"));
        assertEquals(List.of("a", "b"), p.get("level").spec().get("choices"));
        assertEquals(List.of("option '-v' skipped: it has no long form (--name)"), help.notes());
        assertEquals(List.of(), help.requiredPositionals());
        assertEquals(Map.of("type", "string", "description", "speed", "enum", List.of("fast", "slow")),
                SchemaBuilder.property(p.get("mode")));
        assertEquals(Map.of("type", "array", "description", "levels", "items", Map.of("enum", List.of("a", "b"))),
                SchemaBuilder.property(p.get("level")));
    }

    @Test
    void python313StyleInvocationsAndCustomGroups() {
        String help = """
                usage: cli.py deploy [-h] -e ENV [--app-name APP_NAME] (--fast | --slow)

                options:
                  -h, --help           show this help message and exit
                  -e, --environment ENV
                                       where to (default: production)

                targets:
                  choose where
                  --app-name APP_NAME  the app
                  --fast
                  --slow
                """;
        CommandHelp parsed = HelpParser.parseCommandHelp(help, "deploy");
        assertNull(parsed.description());
        assertEquals(List.of("environment", "app-name", "fast", "slow"),
                parsed.parameters().stream().map(ParameterDescriptor::name).toList());
        ParameterDescriptor env = parsed.parameters().get(0);
        assertEquals(true, env.required());
        assertEquals("production", env.defaultValue());
        assertEquals("where to", env.description());
        assertEquals(false, parsed.parameters().get(2).required());
    }

    @Test
    void positionals() {
        CommandHelp checkout = HelpParser.parseCommandHelp("""
                usage: cli.py checkout [-h] target [more ...]

                positional arguments:
                  target
                  more        more things

                options:
                  -h, --help  show this help message and exit
                """, "checkout");
        assertEquals(List.of("target"), checkout.requiredPositionals());
        assertEquals(List.of("more"), checkout.optionalPositionals());
    }

    @Test
    void colourCodesAreIgnored() {
        String coloured = "\u001B[1;34musage: \u001B[0mcli.py [-h] \u001B[32m{a,b}\u001B[0m ...\n";
        assertEquals(List.of("a", "b"), HelpParser.subparserChoices(coloured));
    }
}
