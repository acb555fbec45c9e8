package io.corral.server.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.Node;
import io.corral.server.domain.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * Writes an image to a snapshot stream and reads it back to an equal image. The streams belong to
 * the caller: they are never closed here, so the caller can flush and fsync before closing.
 */
public final class ImageSnapshotCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
            .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);

    /** The snapshot file's shape: plain lists, so the format does not depend on the map library. */
    record Snapshot(int format, long appliedIndex, long nextNodeSeq, long nextEventSeq, List<Workspace> workspaces,
                    List<Node> nodes, List<ApiKey> apiKeys, List<Event> events) {
    }

    private ImageSnapshotCodec() {
    }

    public static void write(ClusterImage img, OutputStream out) throws IOException {
        Snapshot s = new Snapshot(1, img.appliedIndex(), img.nextNodeSeq(), img.nextEventSeq(),
                new ArrayList<>(img.workspaces().values()), img.nodesIn(null), new ArrayList<>(img.apiKeys().values()),
                new ArrayList<>(img.events().values()));
        MAPPER.writeValue(out, s);
    }

    public static ClusterImage read(InputStream in) throws IOException {
        Snapshot s = MAPPER.readValue(in, Snapshot.class);
        PMap<String, Workspace> workspaces = HashTreePMap.empty();
        for (Workspace w : s.workspaces()) {
            workspaces = workspaces.plus(w.id(), w);
        }
        PMap<String, Node> nodes = HashTreePMap.empty();
        PMap<Long, String> bySeq = HashTreePMap.empty();
        for (Node n : s.nodes()) {
            nodes = nodes.plus(n.id(), n);
            bySeq = bySeq.plus(n.seq(), n.id());
        }
        PMap<String, ApiKey> keys = HashTreePMap.empty();
        for (ApiKey k : s.apiKeys()) {
            keys = keys.plus(k.id(), k);
        }
        PSortedMap<Long, Event> events = TreePMap.empty();
        for (Event e : s.events()) {
            events = events.plus(e.seq(), e);
        }
        return new ClusterImage(s.appliedIndex(), s.nextNodeSeq(), s.nextEventSeq(), workspaces, nodes, bySeq, keys,
                events);
    }
}
