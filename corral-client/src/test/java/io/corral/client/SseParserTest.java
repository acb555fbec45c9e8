package io.corral.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<ServerSentEvent> parse(String stream) throws IOException {
        List<ServerSentEvent> out = new ArrayList<>();
        try (SseParser parser = new SseParser(new StringReader(stream))) {
            ServerSentEvent e;
            while ((e = parser.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void readsIdTypeAndDataOfEachEvent() throws IOException {
        List<ServerSentEvent> events = parse("id: 7\nevent: snapshot\ndata: {\"version\":7}\n\n"
                + "id: 8\nevent: change\ndata: {\"version\":8}\n\n");

        assertThat(events).containsExactly(new ServerSentEvent("7", "snapshot", "{\"version\":7}"),
                new ServerSentEvent("8", "change", "{\"version\":8}"));
    }

    @Test
    void skipsCommentsAndJoinsDataLines() throws IOException {
        List<ServerSentEvent> events = parse(": keepalive\n\ndata: first\n: a comment inside\ndata: second\n\n");

        assertThat(events).containsExactly(new ServerSentEvent(null, "message", "first\nsecond"));
    }

    @Test
    void theIdCarriesOverAndTheTypeDoesNot() throws IOException {
        List<ServerSentEvent> events = parse("id: 3\nevent: change\ndata: a\n\ndata: b\n\n");

        assertThat(events).containsExactly(new ServerSentEvent("3", "change", "a"),
                new ServerSentEvent("3", "message", "b"));
    }

    @Test
    void acceptsCrAndCrLfLineEndsAndValuesWithoutTheSpace() throws IOException {
        List<ServerSentEvent> events = parse("id:1\r\nevent:change\r\ndata:x: y\r\n\r\nid: 2\rdata:  two\r\r");

        assertThat(events).containsExactly(new ServerSentEvent("1", "change", "x: y"),
                new ServerSentEvent("2", "message", " two"));
    }

    @Test
    void aBlankLineWithoutDataDispatchesNothingAndForgetsTheType() throws IOException {
        List<ServerSentEvent> events = parse("event: change\nretry: 1000\n\ndata\n\n");

        assertThat(events).containsExactly(new ServerSentEvent(null, "message", ""));
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsDropped() throws IOException {
        assertThat(parse("id: 1\ndata: whole\n\nid: 2\ndata: half")).extracting(ServerSentEvent::id)
                .containsExactly("1");
    }

    @Test
    void aByteOrderMarkAtTheStartIsIgnored() throws IOException {
        assertThat(parse("\uFEFFid: 5\ndata: x\n\n")).containsExactly(new ServerSentEvent("5", "message", "x"));
    }
}
