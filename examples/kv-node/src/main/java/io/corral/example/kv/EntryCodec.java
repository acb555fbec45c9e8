package io.corral.example.kv;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transfer format of snapshots and changes: entries one after another, each
 * {@code int keyLength, key (UTF-8), int valueLength, value (UTF-8), long version} (big-endian), until
 * the end of the stream. Stateless.
 */
public final class EntryCodec {
    private EntryCodec() {
    }

    public static byte[] encode(List<Entry> entries) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.max(32, entries.size() * 48));
        try (DataOutputStream out = new DataOutputStream(buf)) {
            for (Entry e : entries) {
                byte[] k = e.key().getBytes(StandardCharsets.UTF_8);
                byte[] v = e.value().getBytes(StandardCharsets.UTF_8);
                out.writeInt(k.length);
                out.write(k);
                out.writeInt(v.length);
                out.write(v);
                out.writeLong(e.version());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /**
     * Reads entries until the end of {@code in}, handing them over in batches of up to {@code batchSize}.
     *
     * @return the number of entries read
     * @throws IOException when the stream breaks or ends inside an entry
     */
    public static long decode(InputStream in, int batchSize, Consumer<List<Entry>> batches) throws IOException {
        DataInputStream data = new DataInputStream(in);
        List<Entry> batch = new ArrayList<>(batchSize);
        long count = 0;
        while (true) {
            int keyLength;
            try {
                keyLength = data.readInt();
            } catch (EOFException end) {
                break;
            }
            String key = new String(readBytes(data, keyLength), StandardCharsets.UTF_8);
            String value = new String(readBytes(data, data.readInt()), StandardCharsets.UTF_8);
            batch.add(new Entry(key, value, data.readLong()));
            count++;
            if (batch.size() >= batchSize) {
                batches.accept(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            batches.accept(batch);
        }
        return count;
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("corrupt transfer: a field of " + length + " bytes");
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }
}
