package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes a command's result to stdout in the chosen format (JSON: exactly the API's {@code data}, pretty
 * printed; table: the given text), and notes for people to stderr, so stdout stays parseable.
 */
final class Printer {
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;

    Printer(PrintWriter out, PrintWriter err, OutputFormat format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    boolean json() {
        return format == OutputFormat.JSON;
    }

    /** Prints {@code data} as JSON, or the text {@code table} renders. */
    void result(JsonNode data, Supplier<String> table) {
        out.print(json() ? data.toPrettyString() + "\n" : table.get());
    }

    /** Prints {@code items} as a JSON array, or the text {@code table} renders. */
    void result(List<JsonNode> items, Supplier<String> table) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(array::add);
        result(array, table);
    }

    /** A line on stdout for people, in table format only (JSON output carries only the data). */
    void line(String text) {
        if (!json()) {
            out.println(text);
        }
    }

    /**
     * One line per event of a watch: the data as compact JSON (JSON Lines), or {@code text}; flushed at once
     * so whoever reads the output sees each event as it happens.
     */
    void event(JsonNode data, String text) {
        out.println(json() ? data.toString() : text);
        out.flush();
    }

    /** A note on stderr, in every format. */
    void note(String text) {
        err.println(text);
    }

    void flush() {
        out.flush();
        err.flush();
    }
}
