package io.corral.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark report in Markdown. Every piece is printed to stdout as soon as it is added, so a
 * long run shows its progress, and the whole report can be written to a file at the end.
 */
public final class Report {
    private final StringBuilder markdown = new StringBuilder();

    public void heading(String text) {
        add("\n## " + text + "\n\n");
    }

    public void paragraph(String text) {
        add(text + "\n\n");
    }

    public void table(Table table) {
        add(table.markdown() + "\n");
    }

    /** A progress line: printed to stderr, not part of the report. */
    public void progress(String text) {
        System.err.println("[bench] " + text);
    }

    private void add(String text) {
        markdown.append(text);
        System.out.print(text);
        System.out.flush();
    }

    public String markdown() {
        return markdown.toString();
    }

    public void writeTo(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, markdown.toString());
    }
}
