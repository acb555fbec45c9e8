package io.corral.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;

/** Writes a small JSON document straight to bytes with a Jackson generator (no tree in between). */
public final class JsonOut {

    /** Writes one JSON value to the generator. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonOut() {
    }

    /** The UTF-8 bytes {@code writer} produces, as {@link Json#MAPPER} would write the same values. */
    public static byte[] bytes(Writer writer) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize response", e);
        }
        return out.toByteArray();
    }
}
