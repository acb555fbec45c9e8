package io.corral.server.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes records for the log. A batch is one log entry: a 4-byte record count, then for each record
 * a 4-byte length and the record's JSON. JSON keeps the log readable and lets new optional fields
 * be added without breaking old entries (unknown fields are ignored).
 */
public final class RecordCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RecordCodec() {
    }

    public static byte[] encode(Record record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode record " + record.getClass().getSimpleName(), e);
        }
    }

    public static Record decode(byte[] json) {
        try {
            return MAPPER.readValue(json, Record.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode record", e);
        }
    }

    /** Frames already-encoded records as one batch. */
    public static byte[] frame(List<byte[]> encoded) {
        int size = 4;
        for (byte[] e : encoded) {
            size += 4 + e.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(encoded.size());
        for (byte[] e : encoded) {
            buf.putInt(e.length).put(e);
        }
        return buf.array();
    }

    public static byte[] encodeBatch(List<Record> records) {
        List<byte[]> encoded = new ArrayList<>(records.size());
        for (Record r : records) {
            encoded.add(encode(r));
        }
        return frame(encoded);
    }

    public static List<Record> decodeBatch(byte[] batch) {
        ByteBuffer buf = ByteBuffer.wrap(batch);
        int count = buf.getInt();
        List<Record> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] json = new byte[buf.getInt()];
            buf.get(json);
            out.add(decode(json));
        }
        return out;
    }
}
