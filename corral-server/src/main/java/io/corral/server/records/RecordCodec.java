package io.corral.server.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
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
    /** Looked up once: a writer and reader for the polymorphic {@link Record} type. */
    private static final ObjectWriter WRITER = MAPPER.writerFor(Record.class);
    private static final ObjectReader READER = MAPPER.readerFor(Record.class);

    private RecordCodec() {
    }

    public static byte[] encode(Record record) {
        try {
            return WRITER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode record " + record.getClass().getSimpleName(), e);
        }
    }

    public static Record decode(byte[] json) {
        return decode(json, 0, json.length);
    }

    private static Record decode(byte[] buf, int offset, int length) {
        try {
            return READER.readValue(buf, offset, length);
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
            int length = buf.getInt();
            int at = buf.position();
            if (length < 0 || length > buf.remaining()) {
                throw new IllegalArgumentException("record " + i + " of " + count + " claims " + length
                        + " bytes, " + buf.remaining() + " are left");
            }
            out.add(decode(batch, at, length));
            buf.position(at + length);
        }
        return out;
    }
}
